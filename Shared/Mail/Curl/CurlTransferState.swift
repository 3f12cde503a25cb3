import CCurl
import Foundation

/// What one transfer's callbacks share: bytes in and out, the server's reply lines and
/// the last command sent. Touched only by the thread running the transfer.
final class CurlTransferState {
    var received = Data()
    let upload: Data
    var uploaded = 0
    /// The server's reply lines (SMTP replies, IMAP untagged and tagged responses).
    var serverLines: [String] = []
    /// The last command sent, without arguments unless it names an address (MAIL FROM,
    /// RCPT TO): never a password or an AUTH exchange.
    var lastCommand = ""
    /// The first failure reply (SMTP 4xx/5xx, IMAP NO/BAD, tag dropped) and the
    /// command it answered.
    var failure: (reply: String, command: String)?
    let cancelled: CancelFlag

    init(upload: Data, cancelled: CancelFlag) {
        self.upload = upload
        self.cancelled = cancelled
    }

    func noteReceived(_ line: String) {
        serverLines.append(line)
        guard failure == nil else { return }
        if let first = line.first, first == "4" || first == "5", line.prefix(3).allSatisfy(\.isNumber) {
            failure = (line, lastCommand)
            return
        }
        let words = line.split(separator: " ", maxSplits: 1)
        if words.count == 2, words[0] != "*", words[1].hasPrefix("NO ") || words[1].hasPrefix("BAD ") {
            failure = (String(words[1]), lastCommand)
        }
    }

    func noteSent(_ line: String) {
        let upper = line.uppercased()
        if upper.hasPrefix("RCPT TO:") || upper.hasPrefix("MAIL FROM:") {
            lastCommand = line
        } else if let verb = line.split(separator: " ").first {
            lastCommand = String(verb)
        }
    }
}

/// CURLOPT_WRITEFUNCTION: keeps what the server sends.
let curlWrite: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    bytes, size, count, data in
    guard let bytes, let data else { return 0 }
    let state = Unmanaged<CurlTransferState>.fromOpaque(data).takeUnretainedValue()
    state.received.append(UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self), count: size * count)
    return size * count
}

/// CURLOPT_READFUNCTION: hands libcurl the message to submit, a buffer at a time.
let curlRead: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    buffer, size, count, data in
    guard let buffer, let data else { return 0 }
    let state = Unmanaged<CurlTransferState>.fromOpaque(data).takeUnretainedValue()
    let length = min(size * count, state.upload.count - state.uploaded)
    guard length > 0 else { return 0 }
    let start = state.upload.startIndex + state.uploaded
    state.upload.copyBytes(
        to: UnsafeMutableRawPointer(buffer).assumingMemoryBound(to: UInt8.self), from: start..<start + length)
    state.uploaded += length
    return length
}

/// CURLOPT_DEBUGFUNCTION: records the protocol lines (never the message data).
let curlDebug:
    @convention(c) (
        UnsafeMutableRawPointer?, curl_infotype, UnsafeMutablePointer<CChar>?, Int, UnsafeMutableRawPointer?
    ) -> Int32 = { _, type, bytes, size, data in
        guard let bytes, let data, type == CURLINFO_HEADER_IN || type == CURLINFO_HEADER_OUT else { return 0 }
        let state = Unmanaged<CurlTransferState>.fromOpaque(data).takeUnretainedValue()
        let text = String(decoding: UnsafeRawBufferPointer(start: bytes, count: size), as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) where !line.isEmpty {
            if type == CURLINFO_HEADER_IN {
                state.noteReceived(String(line))
            } else {
                state.noteSent(String(line))
            }
        }
        return 0
    }

/// CURLOPT_XFERINFOFUNCTION: non-zero aborts the transfer (CURLE_ABORTED_BY_CALLBACK).
let curlProgress: @convention(c) (UnsafeMutableRawPointer?, curl_off_t, curl_off_t, curl_off_t, curl_off_t) -> Int32 = {
    data, _, _, _, _ in
    guard let data else { return 0 }
    let state = Unmanaged<CurlTransferState>.fromOpaque(data).takeUnretainedValue()
    return state.cancelled.flag.load(ordering: .relaxed) ? 1 : 0
}
