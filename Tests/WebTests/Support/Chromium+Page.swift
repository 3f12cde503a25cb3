import Foundation

extension Chromium {
    /// Opens a new tab and attaches to it; later page commands go to it.
    func openTab(width: Int, height: Int, mobile: Bool) throws {
        let target = try send("Target.createTarget", ["url": "about:blank"])
        guard let targetID = target["targetId"] as? String else { throw Failure.protocolError("no targetId") }
        let attached = try send("Target.attachToTarget", ["targetId": targetID, "flatten": true])
        session = attached["sessionId"] as? String
        try resize(width: width, height: height, mobile: mobile)
    }

    func resize(width: Int, height: Int, mobile: Bool) throws {
        try send(
            "Emulation.setDeviceMetricsOverride",
            ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile])
    }

    /// The value of a JavaScript expression in the page.
    func evaluate(_ expression: String) throws -> Any? {
        let result = try send("Runtime.evaluate", ["expression": expression, "returnByValue": true])
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Waits until the page has loaded and its URL satisfies `url`.
    func waitForPage(_ what: String, timeout: TimeInterval = 20, url: (String) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let state = try? evaluate("document.readyState + ' ' + location.href") as? String {
                let parts = state.split(separator: " ", maxSplits: 1).map(String.init)
                if parts.count == 2, parts[0] == "complete", url(parts[1]) { return }
            }
            usleep(100_000)
        }
        throw Failure.timeout(what)
    }

    func navigate(_ url: String) throws {
        try send("Page.navigate", ["url": url])
    }

    /// The visible text of the page.
    func text() throws -> String { (try evaluate("document.body.innerText") as? String) ?? "" }

    /// A PNG of the page, written to `file`.
    func screenshot(to file: URL) throws {
        let result = try send("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": true])
        guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw Failure.protocolError("no screenshot data")
        }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    /// Runs `body` with a new browser on a thread of its own, and closes the browser after.
    static func session<T: Sendable>(path: String, _ body: @escaping @Sendable (Chromium) throws -> T) async throws -> T
    {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    let browser = try Chromium(path: path)
                    defer { browser.close() }
                    continuation.resume(returning: try body(browser))
                } catch { continuation.resume(throwing: error) }
            }
            thread.start()
        }
    }
}
