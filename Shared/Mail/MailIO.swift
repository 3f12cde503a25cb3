import Dispatch

/// Where the blocking libcurl and GMime calls run: threads of a Dispatch queue, never
/// the few threads of Swift's cooperative pool (a transfer that waits for a slow
/// server there would stall every other task of the process).
enum MailIO {
    static let queue = DispatchQueue(label: "glimlach.mail.io", qos: .utility, attributes: .concurrent)

    /// Runs `work` on ``queue`` and resumes the caller with its result.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let result: Result<T, any Error> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Result { try work() }) }
        }
        return try result.get()
    }
}
