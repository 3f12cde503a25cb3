import Foundation
import Mustache

/// One language's texts, from `Resources/messages/<code>.txt`: `key = text` lines,
/// `#` comments. A key missing from a language falls back to English. Texts take
/// parameters as `{name}`. Templates read them as `{{t.key}}` (escaped by the engine).
struct Messages: Sendable, MustacheParent {
    let language: Language
    private let texts: [String: String]
    private let fallback: [String: String]

    init(_ language: Language, texts: [String: String], fallback: [String: String]) {
        self.language = language
        self.texts = texts
        self.fallback = fallback
    }

    /// The text for `key`; the key itself when no language has it (a visible gap, not a crash).
    subscript(_ key: String) -> String { texts[key] ?? fallback[key] ?? key }

    /// The text for `key` with each `{name}` replaced by `values[name]`.
    func format(_ key: String, _ values: [String: String]) -> String {
        var text = self[key]
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    func child(named name: String) -> Any? { self[name] }

    /// Parses the `key = text` lines of a catalogue file.
    static func parse(_ file: String) -> [String: String] {
        var texts: [String: String] = [:]
        for line in file.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            texts[key] = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return texts
    }
}
