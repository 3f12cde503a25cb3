import Foundation
import Testing

extension Chromium {
    /// Waits until the page's visible text contains `text` (a form posted and its
    /// redirect loaded, say).
    func waitForText(_ text: String, timeout: TimeInterval = 20) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let shown = try? self.text(), shown.contains(text) { return }
            usleep(100_000)
        }
        throw Failure.timeout("the text \"\(text)\" in \((try? self.text())?.prefix(400) ?? "")")
    }

    /// Types `fields` (element id to value) and presses the submit button of the
    /// form that holds the first field.
    func submit(_ fields: KeyValuePairs<String, String>) throws {
        var script = ""
        for (id, value) in fields {
            script += "document.getElementById(\(Self.js(id))).value = \(Self.js(value));"
        }
        let form = "document.getElementById(\(Self.js(fields.first?.key ?? ""))).form"
        script += "\(form).querySelector('button[type=submit]').click(); true"
        _ = try evaluate(script)
    }

    /// Presses the first button whose text is `label`.
    func press(_ label: String) throws {
        let found = try evaluate(
            "(() => { const b = [...document.querySelectorAll('button')].find(b => b.innerText.trim() === \(Self.js(label))); if (b) { b.click(); return true } return false })()"
        )
        guard found as? Bool == true else { throw Failure.protocolError("no button \"\(label)\" on the page") }
    }

    /// Signs in on `base` with a work e-mail and lands on `path`.
    func signIn(_ base: String, email: String, password: String, then path: String) throws {
        try navigate("\(base)\(path)")
        try waitForPage("the sign-in page") { $0.contains("/signin") }
        try submit(["name": email, "password": password])
        try waitForPage("\(path) after signing in") { $0.hasSuffix(path) }
    }

    /// Screenshots of the page at desktop width and at a phone's 390 px, as
    /// `name.png` and `name-phone.png` in `folder`; returns how wide the page is on the phone.
    @discardableResult
    func screenshots(_ name: String, in folder: URL) throws -> Int {
        try resize(width: 1280, height: 900, mobile: false)
        try screenshot(to: folder.appendingPathComponent("\(name).png"))
        try resize(width: 390, height: 844, mobile: true)
        let width = (try evaluate("document.documentElement.scrollWidth") as? NSNumber)?.intValue ?? .max
        try screenshot(to: folder.appendingPathComponent("\(name)-phone.png"))
        try resize(width: 1280, height: 900, mobile: false)
        return width
    }

    /// `text` as a JavaScript string literal.
    static func js(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}

/// A check inside a `Chromium.session`, whose thread is not the test's: a failed
/// `#expect` there would not count for the test, so this throws instead.
struct BrowserCheck: Error, CustomStringConvertible {
    let description: String

    static func require(_ condition: Bool, _ description: String) throws {
        guard condition else { throw BrowserCheck(description: description) }
    }
}
