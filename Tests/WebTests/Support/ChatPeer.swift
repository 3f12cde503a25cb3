import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import Synchronization
import Testing

@testable import WebService

/// A browser's side of the live chat's WebSocket: connects with the visitor's
/// cookies, keeps every frame the server sends, sends messages as `/chat.js` does.
final class ChatPeer: Sendable {
    private let received = Mutex<[ChatFrame]>([])
    private let writer = Mutex<WebSocketOutboundWriter?>(nil)
    private let ended = Mutex(false)

    /// Every frame so far, oldest first.
    var frames: [ChatFrame] { received.withLock { $0 } }
    /// Whether the server closed the socket.
    var closed: Bool { ended.withLock { $0 } }

    /// Opens `/chat/socket` on `port` with `cookies` and runs `body` while it is open.
    /// - Throws: when the server refuses the upgrade.
    static func talk(
        port: Int, cookies: [String: String], origin: String? = nil,
        _ body: @escaping @Sendable (ChatPeer) async throws -> Void
    ) async throws {
        let peer = ChatPeer()
        var headers = HTTPFields()
        headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        if let origin { headers[.origin] = origin }
        try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)/chat/socket", configuration: .init(additionalHeaders: headers),
            logger: Logger(label: "chat-peer")
        ) { inbound, outbound, _ in
            peer.writer.withLock { $0 = outbound }
            let reader = Task {
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message,
                        let frame = try? JSONDecoder().decode(ChatFrame.self, from: Data(text.utf8))
                    else { continue }
                    peer.received.withLock { $0.append(frame) }
                }
                peer.ended.withLock { $0 = true }
            }
            defer { reader.cancel() }
            try await body(peer)
        }
    }

    /// Sends a message as the widget does, with a fresh id; returns the id.
    @discardableResult
    func send(_ text: String, name: String = "", id: String = UUID().uuidString) async throws -> String {
        let frame = try JSONEncoder().encode(ChatPost(id: id, text: text, name: name))
        try await writer.withLock { $0 }?.write(.text(String(decoding: frame, as: UTF8.self)))
        return id
    }

    /// The first frame (oldest first) that matches, waiting up to `timeout`.
    /// - Throws: when none arrives in time.
    @discardableResult
    func wait(
        for what: String, timeout: Duration = .seconds(10), _ matches: (ChatFrame) -> Bool
    ) async throws -> ChatFrame {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let frame = frames.first(where: matches) { return frame }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("no frame \(what) within \(timeout); got \(frames.map(\.json))")
        throw CancellationError()
    }

    /// The latest conversation frame's texts.
    var texts: [String] { frames.last { $0.type == "conversation" }?.lines?.map(\.text) ?? [] }
}
