import Contract
import Hummingbird

/// The survey's pages: the question, the kind refusals, and (`SurveyPages+Answer`)
/// the pages that show a stored answer. Templates in `Resources/templates`, texts in
/// the page's language.
enum SurveyPages {
    /// The NPS question as a plain form: 0-10 as submit buttons (one tap answers on a
    /// phone), an optional comment and consent to quote. Works without JavaScript.
    static func question(
        _ invitation: Feedback.Invitation, token: String, csrf: String, context: PageContext, comment: String = "",
        consent: Bool = false, error: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        let t = context.t
        let hello =
            nonEmpty(invitation.customer_name).map { t.format("survey_hello_name", ["name": $0]) }
            ?? t["survey_hello"]
        var values: [String: Any] = [
            "hello": hello, "token": token, "csrf": csrf, "comment": comment, "consent": consent,
            "scores": (0...10).map { ["value": String($0), "label": t.format("survey_score", ["score": String($0)])] },
        ]
        if let error { values["error"] = error }
        return HTML.page("survey-question", values, title: t["survey_title"], context: context, status: status)
    }

    /// A kind page for every way a link can fail; never a stack trace.
    static func refusal(_ reason: Refusal, context: PageContext) -> Response {
        let t = context.t
        return HTML.message(
            title: t[reason.key + "_title"], paragraphs: [t[reason.key + "_text"]], context: context,
            status: reason.status)
    }

    enum Refusal: Error {
        case used, expired, notYetOpen, unknown, unavailable

        /// The catalogue key of its title (`_title`) and text (`_text`).
        var key: String {
            switch self {
            case .used: "refusal_used"
            case .expired: "refusal_expired"
            case .notYetOpen: "refusal_not_yet_open"
            case .unknown: "refusal_unknown"
            case .unavailable: "refusal_unavailable"
            }
        }

        var status: HTTPResponse.Status {
            switch self {
            case .used: .conflict
            case .expired: .gone
            case .notYetOpen: .forbidden
            case .unknown: .notFound
            case .unavailable: .serviceUnavailable
            }
        }
    }
}
