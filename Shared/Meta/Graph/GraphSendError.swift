/// Why `GraphSender` did not send a message.
public enum GraphSendError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Refused before sending: the field and why, e.g. a text over the platform's limit.
    case invalid(field: String, reason: String)
    /// The Graph API refused the message for good (a 4xx other than 429), e.g. a
    /// Messenger reply outside the 24-hour window (code 10, subcode 2018278). Sending the
    /// same again will fail the same way.
    case rejected(status: Int, code: Int?, subcode: Int?, message: String)
    /// Every attempt failed for a passing reason (429, 5xx, no connection), or the time
    /// budget ran out; `lastProblem` says what the last attempt met. Sending again later
    /// may work.
    case unavailable(attempts: Int, lastProblem: String)
    /// The Graph API said 2xx but the answer had no message id.
    case unexpectedResponse(String)

    /// Whether sending the same again later may work.
    public var isTransient: Bool {
        if case .unavailable = self { return true }
        return false
    }

    /// A sentence starting with the field or the status, e.g.
    /// `Graph API 400 (code 10/2018278): (#10) This message is sent outside of allowed window.`
    public var description: String {
        switch self {
        case .invalid(let field, let reason):
            return "\(field): \(reason)"
        case .rejected(let status, let code, let subcode, let message):
            let codes = code.map { code in subcode.map { " (code \(code)/\($0))" } ?? " (code \(code))" } ?? ""
            return "Graph API \(status)\(codes): \(message)"
        case .unavailable(let attempts, let lastProblem):
            return "Graph API unavailable after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(lastProblem)"
        case .unexpectedResponse(let reason):
            return "Graph API answer: \(reason)"
        }
    }
}
