import Foundation
import Testing

@testable import WebService

@Suite("Favicon and page head", .timeLimit(.minutes(1)))
struct AssetTests {
    @Test("every page links the SVG favicon, which is served at /favicon.svg and /favicon.ico")
    func favicon() async throws {
        let world = try await WebWorld()
        try await world.withWeb { web in
            let page = try await web.get("/signin")
            #expect(page.body.contains(#"<link rel="icon" href="/favicon.svg" type="image/svg+xml">"#))
            #expect(page.body.contains(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#))
            for path in ["/favicon.svg", "/favicon.ico"] {
                let icon = try await web.get(path)
                #expect(icon.status == .ok)
                #expect(icon.headers[.contentType] == "image/svg+xml")
                #expect(icon.body.hasPrefix("<svg"))
            }
        }
        await world.shutdown()
    }
}
