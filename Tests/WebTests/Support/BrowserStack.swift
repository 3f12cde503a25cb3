import Foundation
import TestSupport

/// The stack as processes with `web serve` in front, for the browser tests: starts
/// `start`'s services, then the web front; runs `body` with the stack and the web's
/// base URL; stops the web front and the stack however `body` ends.
enum BrowserStack {
    static func run(
        start: @Sendable (ProcessStack) async throws -> Void,
        _ body: @Sendable (ProcessStack, _ base: String) async throws -> Void
    ) async throws {
        let stack = try await ProcessStack()
        do {
            try await start(stack)
            let web = try await BrowserTests.startWeb(stack)
            do { try await body(stack, web.base) } catch {
                await web.process.terminate()
                throw error
            }
            await web.process.terminate()
        } catch {
            await stack.shutdown()
            throw error
        }
        await stack.shutdown()
    }
}
