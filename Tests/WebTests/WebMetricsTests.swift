import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("the web front's metrics", .timeLimit(.minutes(1)))
struct WebMetricsTests {
    @Test("a page request shows in the web's /metrics by route, method and status, with its duration")
    func pageRequestCounted() async throws {
        let stack = try await ProcessStack()
        let metrics = try freeEndpoint()
        let web = try await BrowserTests.startWeb(stack, environment: ["GLIMLACH_METRICS_ENDPOINT": metrics])
        do {
            let (_, page) = try await URLSession.shared.data(from: URL(string: web.base + "/signin")!)
            #expect((page as? HTTPURLResponse)?.statusCode == 200)
            let scraped = metrics.replacingOccurrences(of: "tcp://", with: "http://") + "/metrics"
            try await waitUntil("the sign-in page is counted", timeout: .seconds(5)) {
                let (data, _) = try await URLSession.shared.data(from: URL(string: scraped)!)
                let text = String(decoding: data, as: UTF8.self)
                return text.contains(
                    #"hb_requests{http_route="/signin",http_request_method="GET",http_response_status_code="200"} 1"#)
                    && text.contains(#"http_server_request_duration_count{http_route="/signin""#)
            }
        } catch {
            await web.process.terminate()
            await stack.shutdown()
            throw error
        }
        await web.process.terminate()
        await stack.shutdown()
    }
}
