import Foundation
import Hummingbird

/// The languages every page speaks. A page's language is, in order: the person's own
/// choice (the `glimlach_lang` cookie the switcher sets), the survey invitation's
/// language, the browser's `Accept-Language` (quality values honoured), else English.
enum Language: String, CaseIterable, Sendable {
    case nl, fr, en

    /// The cookie the language switcher sets (a year; a preference, not a secret).
    static let cookie = "glimlach_lang"

    /// Where numbers, dates and money take their format from.
    var locale: Locale {
        switch self {
        case .nl: Locale(identifier: "nl_NL")
        case .fr: Locale(identifier: "fr_FR")
        case .en: Locale(identifier: "en_GB")
        }
    }

    /// The language's name in itself, for the switcher.
    var name: String {
        switch self {
        case .nl: "Nederlands"
        case .fr: "Français"
        case .en: "English"
        }
    }

    /// A tag such as `nl`, `nl-BE`, `FR_fr` or `en-GB`; nil for any other language.
    init?(tag: String?) {
        guard let tag else { return nil }
        let primary = tag.trimmingCharacters(in: .whitespaces).lowercased().prefix { $0.isLetter }
        guard let language = Language(rawValue: String(primary)) else { return nil }
        self = language
    }

    /// The language for `request`, preferring the person's cookie, then `preferred`
    /// (a survey invitation's language), then `Accept-Language`.
    init(_ request: Request, preferred: String? = nil) {
        self =
            Language(tag: request.cookies[Self.cookie]?.value) ?? Language(tag: preferred)
            ?? Self.accepted(request.headers[.acceptLanguage]) ?? .en
    }

    /// The best supported language in an `Accept-Language` value: highest quality
    /// first, the header's order among equals; `q=0` means "not this one".
    static func accepted(_ header: String?) -> Language? {
        guard let header else { return nil }
        var best: (language: Language, quality: Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let language = Language(tag: parts.first) else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            guard quality > 0, quality > (best?.quality ?? 0) else { continue }
            best = (language, quality)
        }
        return best?.language
    }
}
