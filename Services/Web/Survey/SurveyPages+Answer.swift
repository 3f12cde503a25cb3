import Contract
import Hummingbird

/// The pages that show the answer feedback stored (never what a URL claims).
extension SurveyPages {
    /// The thank-you for `response`, worded by its score.
    static func thanks(_ response: Feedback.SurveyResponse) -> Response {
        let extra =
            switch response.score {
            case .some(0...6):
                "We are sorry we let you down. A colleague of our Special Care team will get in touch to make it right."
            case .some(9...10): "That makes our day. We will pass your kind words on to the team."
            default: "Your answer helps us get a little better every day."
            }
        return HTML.page(
            "Thank you",
            "<h1>Thank you!</h1><div class=\"card\"><p>Your answer has been received.</p>\(answer(response))<p>\(extra)</p></div>"
        )
    }

    /// "You already answered" (409) for a used link, with the stored answer.
    static func alreadyAnswered(_ response: Feedback.SurveyResponse) -> Response {
        let reason = Refusal.used
        return HTML.page(
            reason.title,
            "<h1>\(HTML.escape(reason.title))</h1><div class=\"card\"><p>\(HTML.escape(reason.text))</p>\(answer(response))</div>",
            status: reason.status)
    }

    /// The score and, when there is one, the comment, escaped.
    static func answer(_ response: Feedback.SurveyResponse) -> String {
        let score =
            response.score.map { "<p>Your answer: <strong id=\"stored-score\">\($0) out of 10</strong></p>" } ?? ""
        let comment = response.comment.map { "<p class=\"muted\">“\(HTML.escape($0))”</p>" } ?? ""
        return score + comment
    }
}
