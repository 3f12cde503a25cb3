import Contract
import Hummingbird

/// The pages that show the answer feedback stored (never what a URL claims).
extension SurveyPages {
    /// The thank-you for `response`, worded by its score.
    static func thanks(_ response: Feedback.SurveyResponse, context: PageContext) -> Response {
        let t = context.t
        let extra =
            switch response.score {
            case .some(0...6): t["thanks_detractor"]
            case .some(9...10): t["thanks_promoter"]
            default: t["thanks_passive"]
            }
        let values: [String: Any] = [
            "heading": t["thanks_heading"], "paragraphs": [t["thanks_received"]], "answer": answer(response, t),
            "after": extra,
        ]
        return HTML.page("message", values, title: t["thanks_title"], context: context)
    }

    /// "You already answered" (409) for a used link, with the stored answer.
    static func alreadyAnswered(_ response: Feedback.SurveyResponse, context: PageContext) -> Response {
        let t = context.t
        let reason = Refusal.used
        let values: [String: Any] = [
            "heading": t[reason.key + "_title"], "paragraphs": [t[reason.key + "_text"]],
            "answer": answer(response, t),
        ]
        return HTML.page(
            "message", values, title: t[reason.key + "_title"], context: context, status: reason.status)
    }

    /// The score and, when there is one, the comment (the template escapes it).
    static func answer(_ response: Feedback.SurveyResponse, _ t: Messages) -> [String: Any] {
        var values: [String: Any] = [:]
        if let score = response.score { values["score"] = t.format("survey_out_of_ten", ["score": String(score)]) }
        if let comment = response.comment, !comment.isEmpty { values["comment"] = comment }
        return values
    }
}
