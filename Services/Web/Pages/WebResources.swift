import Foundation
import Mustache

/// The templates (`Resources/templates/*.mustache`) and message catalogues
/// (`Resources/messages/*.txt`), loaded once from the web target's resource bundle
/// (beside the executable: `Glimlach_WebService.resources`).
struct WebResources: Sendable {
    let templates: MustacheLibrary
    private let catalogues: [Language: Messages]

    /// Loaded on first use; `web` touches it at start, so a missing bundle stops it there.
    static let shared: WebResources = {
        do { return try WebResources(directory: defaultDirectory) } catch {
            fatalError("web resources: \(error)")
        }
    }()

    static var defaultDirectory: URL {
        Bundle.module.url(forResource: "Resources", withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent("Resources")
    }

    /// - Throws: when a template does not parse or a catalogue cannot be read.
    init(directory: URL) throws {
        var library = MustacheLibrary()
        let templates = directory.appendingPathComponent("templates")
        for file in try FileManager.default.contentsOfDirectory(atPath: templates.path)
        where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
            try library.register(text, named: String(file.dropLast(".mustache".count)))
        }
        self.templates = library
        var texts: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let file = directory.appendingPathComponent("messages/\(language.rawValue).txt")
            texts[language] = Messages.parse(try String(contentsOf: file, encoding: .utf8))
        }
        catalogues = Dictionary(
            uniqueKeysWithValues: Language.allCases.map {
                ($0, Messages($0, texts: texts[$0] ?? [:], fallback: texts[.en] ?? [:]))
            })
    }

    /// The texts of `language`.
    func messages(_ language: Language) -> Messages {
        catalogues[language] ?? Messages(language, texts: [:], fallback: [:])
    }

    /// `template` rendered with `object`; every `{{value}}` HTML-escaped by the engine.
    func render(_ template: String, _ object: Any) -> String {
        templates.render(object, withTemplate: template) ?? ""
    }
}
