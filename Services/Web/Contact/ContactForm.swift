import Domain
import Foundation

/// The contact form's fields as typed, and what is wrong with them. Each problem
/// names its field in the page's words ("E-mail address: ..."), so the form can show
/// it beside the field and in the summary above it.
struct ContactForm: Sendable {
    var name = ""
    var email = ""
    var subject = ""
    var message = ""
    /// The form's own random token: the message's `external_id` with the visitor's id,
    /// so posting the same form twice records one message.
    var once = ""

    /// One field of the form: its name in the post, its text key and its limit.
    struct Field: Sendable {
        let name: String
        let label: String
        let maxLength: Int
        let required: Bool
    }

    static let fields = [
        Field(name: "name", label: "contact_name", maxLength: 200, required: true),
        Field(name: "email", label: "contact_email", maxLength: 254, required: true),
        Field(name: "subject", label: "contact_subject", maxLength: 200, required: false),
        Field(name: "message", label: "contact_message", maxLength: 5000, required: true),
    ]

    init() {}

    init(_ form: Form) {
        name = Self.clean(form["name"])
        email = Self.clean(form["email"])
        subject = Self.clean(form["subject"])
        message = (form["message"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        once = String((form["once"] ?? "").prefix(64))
    }

    /// The typed value of `field`.
    func value(_ field: String) -> String {
        switch field {
        case "name": name
        case "email": email
        case "subject": subject
        default: message
        }
    }

    /// The first problem of each field, by field name, in the page's language.
    func problems(_ t: Messages) -> [String: String] {
        var problems: [String: String] = [:]
        for field in Self.fields {
            let value = value(field.name)
            let label = t[field.label]
            if field.required, value.isEmpty {
                problems[field.name] = t.format("contact_error_required", ["field": label])
            } else if value.count > field.maxLength {
                problems[field.name] = t.format(
                    "contact_error_long", ["field": label, "max": String(field.maxLength)])
            }
        }
        if problems["email"] == nil, (try? Validation.email(email, field: "email")) == nil {
            problems["email"] = t.format("contact_error_email", ["field": t["contact_email"]])
        }
        return problems
    }

    /// One line, trimmed, without control characters.
    private static func clean(_ text: String?) -> String {
        String((text ?? "").unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) })
            .trimmingCharacters(in: .whitespaces)
    }
}
