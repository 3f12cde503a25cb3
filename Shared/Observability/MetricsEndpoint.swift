import Logging
import Prometheus
import ServiceLifecycle
import ZeroMQ

/// Serves the process's metrics in Prometheus text format over plain HTTP at
/// `GET /metrics` (and `GET /health`), on a ZeroMQ STREAM socket: the socket speaks
/// raw TCP, so Prometheus scrapes it like any exporter and no HTTP stack is needed.
/// It answers one request per connection and closes it.
public final class MetricsEndpoint: Service, Sendable {
    enum Command: Sendable { case stop }

    public let endpoint: String
    private let mailbox = Mailbox<Command>()
    private let context = ZMQContext()
    private let loop: SendableBox<LoopThread?> = SendableBox(nil)

    /// Binds `endpoint` (e.g. `tcp://0.0.0.0:9100`) and serves `registry` until shut down.
    /// A bind failure is logged; the process keeps running without metrics.
    public init(endpoint: String, registry: PrometheusCollectorRegistry, logger: Logger) {
        self.endpoint = endpoint
        let thread = LoopThread(name: "metrics") { [mailbox, context] in
            let socket: ZMQSocket
            do {
                socket = try ZMQSocket(context, type: .stream)
                try socket.bind(endpoint)
            } catch {
                return logger.error(
                    "metrics endpoint cannot bind", metadata: ["endpoint": "\(endpoint)", "error": "\(error)"])
            }
            defer { socket.close() }
            var requests = HTTPRequests()
            var poller = Poller(sockets: [socket], wakeup: mailbox.wakeup)
            while let ready = try? poller.wait(timeoutMs: -1) {
                if ready.woken, !mailbox.takeAll().isEmpty { return }
                while let frames = try? socket.receive(), frames.count == 2 {
                    guard let path = requests.receive(frames[1], from: frames[0]) else { continue }
                    _ = try? socket.send([frames[0], Self.response(path: path, registry: registry)])
                    _ = try? socket.send([frames[0], []])  // an empty frame closes the connection
                }
            }
        }
        loop.withLock { $0 = thread }
    }

    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    /// Stops serving and unbinds.
    public func close() async {
        mailbox.post(.stop)
        await loop.withLock { $0 }?.join()
        context.terminate()
    }

    static func response(path: String, registry: PrometheusCollectorRegistry) -> [UInt8] {
        let (status, type, body): (String, String, [UInt8])
        switch path {
        case "/metrics":
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            (status, type, body) = ("200 OK", "text/plain; version=0.0.4; charset=utf-8", buffer)
        case "/health":
            (status, type, body) = ("200 OK", "text/plain", Array("serving\n".utf8))
        default:
            (status, type, body) = ("404 Not Found", "text/plain", Array("try /metrics\n".utf8))
        }
        let head =
            "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        return Array(head.utf8) + body
    }
}

/// Collects request bytes per connection until the header ends, then yields the path.
struct HTTPRequests {
    private var pending: [[UInt8]: [UInt8]] = [:]

    /// - Returns: the request's path once its header is complete, else nil.
    mutating func receive(_ bytes: [UInt8], from connection: [UInt8]) -> String? {
        guard !bytes.isEmpty else {  // connected or disconnected
            pending[connection] = nil
            return nil
        }
        let buffer = pending[connection, default: []] + bytes
        guard buffer.count <= 8192 else {
            pending[connection] = nil
            return "/"
        }
        guard let end = String(decoding: buffer, as: UTF8.self).range(of: "\r\n\r\n") else {
            pending[connection] = buffer
            return nil
        }
        pending[connection] = nil
        let requestLine =
            String(decoding: buffer, as: UTF8.self)[..<end.lowerBound].split(separator: "\r\n").first ?? ""
        let parts = requestLine.split(separator: " ")
        guard parts.count >= 2, parts[0] == "GET" else { return "/" }
        return String(parts[1].split(separator: "?").first ?? "")
    }
}
