import Contract
import Hummingbird

/// The survey's pages: the question, the kind refusals, and (`SurveyPages+Answer`)
/// the pages that show a stored answer.
enum SurveyPages {
    /// The NPS question as a plain form: 0-10 as submit buttons (one tap answers on a
    /// phone), an optional comment and consent to quote. Works without JavaScript.
    static func question(
        _ invitation: Feedback.Invitation, token: String, csrf: String, comment: String = "", consent: Bool = false,
        error: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        let name = invitation.customer_name.map { ", \(HTML.escape($0))" } ?? ""
        let buttons = (0...10).map {
            #"<button type="submit" name="score" value="\#($0)" aria-label="\#($0) out of 10">\#($0)</button>"#
        }
        .joined()
        let body = """
            <h1>Hello\(name)!</h1>
            <form method="post" action="/s/\(HTML.escape(token))" class="card">
            \(HTML.hidden("csrf", csrf))
            \(error.map { #"<p class="error" role="alert">\#(HTML.escape($0))</p>"# } ?? "")
            <label for="comment">Anything you would like to tell us? (optional)</label>
            <textarea id="comment" name="comment" rows="4" maxlength="4000">\(HTML.escape(comment))</textarea>
            <p class="check"><input type="checkbox" id="consent" name="consent" value="yes"\(consent ? " checked" : "")>
            <label for="consent" style="margin:0">You may quote my comment (without my full name) to the team.</label></p>
            <fieldset style="border:0;padding:0;margin:1rem 0 0"><legend><strong>How likely are you to recommend us to a friend or colleague?</strong></legend>
            <div class="scores">\(buttons)</div>
            <div class="ends"><span>0 · not at all likely</span><span>10 · extremely likely</span></div></fieldset>
            </form>
            <p class="muted">Tap a number to send your answer.</p>
            """
        return HTML.page("How did we do?", body, status: status)
    }

    /// A kind page for every way a link can fail; never a stack trace.
    static func refusal(_ reason: Refusal) -> Response {
        HTML.page(
            reason.title,
            "<h1>\(HTML.escape(reason.title))</h1><div class=\"card\"><p>\(HTML.escape(reason.text))</p></div>",
            status: reason.status)
    }

    enum Refusal: Error {
        case used, expired, notYetOpen, unknown, unavailable

        var title: String {
            switch self {
            case .used: "You already answered"
            case .expired: "This survey has closed"
            case .notYetOpen: "This survey is not open yet"
            case .unknown: "We could not find this survey"
            case .unavailable: "Please try again in a moment"
            }
        }

        var text: String {
            switch self {
            case .used: "Thank you, we already have your answer to this survey. Each link can be used once."
            case .expired:
                "This link has expired. Thank you for wanting to help; we will ask again after your next contact with us."
            case .notYetOpen: "This link is not open yet. Please try again later."
            case .unknown: "The link may be incomplete. Please copy the whole link from the message we sent you."
            case .unavailable:
                "Our survey is briefly unavailable. Your link still works; please try again in a few minutes."
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
