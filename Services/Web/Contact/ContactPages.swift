import Hummingbird

/// The contact form's pages: the form (with the typed values and each field's
/// problem) and the thank-you with the ticket reference.
enum ContactPages {
    /// The form; `problems` by field name, `alert` a notice for the whole form (the
    /// service did not answer).
    static func form(
        _ form: ContactForm, csrf: String, problems: [String: String] = [:], alert: String? = nil,
        context: PageContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        let t = context.t
        let fields: [[String: Any]] = ContactForm.fields.map { field in
            var values: [String: Any] = [
                "id": "contact-" + field.name, "name": field.name, "label": t[field.label],
                "value": form.value(field.name), "max": String(field.maxLength),
                "type": field.name == "email" ? "email" : "text", "multiline": field.name == "message",
                "required": field.required, "autocomplete": field.name == "subject" ? "off" : field.name,
            ]
            if let problem = problems[field.name] { values["error"] = problem }
            return values
        }
        var values: [String: Any] = ["csrf": csrf, "once": form.once, "fields": fields]
        let listed = ContactForm.fields.compactMap { field in
            problems[field.name].map { ["id": "contact-" + field.name, "text": $0] }
        }
        if !listed.isEmpty { values["summary"] = ["items": listed] }
        if let alert { values["alert"] = alert }
        return HTML.page("contact", values, title: t["contact_title"], context: context, status: status)
    }

    /// "Thank you": we answer by e-mail, with the ticket reference.
    static func thanks(email: String, ticketID: String, context: PageContext) -> Response {
        let t = context.t
        return HTML.message(
            title: t["contact_thanks_title"],
            paragraphs: [
                t.format("contact_thanks_text", ["email": email]),
                t.format("contact_thanks_reference", ["reference": ticketID]),
            ], context: context)
    }
}
