import Foundation
import Hummingbird
import ServiceLifecycle

/// Server-sent events for the workspace pages (`text/event-stream`): the stream
/// asks the services every `every` what the page shows (`fingerprint`) and sends one
/// `changed` event when it differs from the first answer, then ends; the page's
/// script (`/live.js`) then offers to show the latest. Without a change it ends
/// after `lasting` (browsers reconnect by themselves), or at once when the web front
/// shuts down, so an open page never holds up a restart. A failing call counts as no change.
enum LiveChanges {
    static func stream(
        every: Duration, lasting: Duration, _ fingerprint: @escaping @Sendable () async throws -> String
    ) -> Response {
        let body = ResponseBody { writer in
            let first = try? await fingerprint()
            try await writer.write(ByteBuffer(string: "retry: 5000\n: watching\n\n"))
            let end = ContinuousClock.now + lasting
            // Cancelled by a graceful shutdown: the sleep throws and the stream ends.
            let changed: String?? = try? await cancelWhenGracefulShutdown {
                while ContinuousClock.now < end {
                    try await Task.sleep(for: every)
                    if let now = try? await fingerprint(), now != first { return now }
                }
                return nil
            }
            if let now = changed ?? nil {
                try await writer.write(ByteBuffer(string: "event: changed\ndata: \(now.count)\n\n"))
            }
            try await writer.finish(nil)
        }
        var response = Response(status: .ok, headers: [.contentType: "text/event-stream"], body: body)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
