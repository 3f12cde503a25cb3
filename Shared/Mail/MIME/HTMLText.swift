import Foundation

/// HTML reduced to readable text for a ticket: no tags, scripts or styles; entities
/// decoded; paragraphs, headings and list items on lines of their own.
enum HTMLText {
    /// Tags that end a paragraph (a blank line) and tags that end a line.
    private static let paragraphTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "table", "hr", "pre",
    ]
    private static let lineTags: Set<String> = [
        "br", "div", "tr", "section", "article", "header", "footer", "dt", "dd", "address",
    ]
    /// Elements whose content is not text.
    private static let hiddenElements: Set<String> = ["script", "style", "head", "title"]

    static func plain(_ html: String) -> String {
        var output = ""
        var index = html.startIndex
        var hidden: String?
        while index < html.endIndex {
            if html[index...].hasPrefix("<!--") {
                index = html[index...].range(of: "-->")?.upperBound ?? html.endIndex
                continue
            }
            guard html[index] == "<", let close = html[index...].firstIndex(of: ">") else {
                let next = html[index...].firstIndex(of: "<") ?? html.endIndex
                let end = next == index ? html.index(after: index) : next
                if hidden == nil { output += collapsed(html[index..<end]) }
                index = end
                continue
            }
            let (name, isClosing) = tagName(html[html.index(after: index)..<close])
            index = html.index(after: close)
            if let element = hidden {
                if isClosing && name == element { hidden = nil }
                continue
            }
            if hiddenElements.contains(name), !isClosing {
                hidden = name
            } else if paragraphTags.contains(name) {
                output += "\n\n"
            } else if lineTags.contains(name) {
                output += "\n"
            } else if name == "li", !isClosing {
                output += "\n- "
            } else if name == "td" || name == "th", !isClosing {
                output += " "
            }
        }
        return tidy(Entities.decode(output))
    }

    /// The element name of a tag's inside (`p class=x`, `/p`, `br/`), lowercase.
    private static func tagName(_ inside: Substring) -> (String, Bool) {
        let isClosing = inside.hasPrefix("/")
        let name = inside.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
        return (name, isClosing)
    }

    /// HTML whitespace: any run of it is one space.
    private static func collapsed(_ text: Substring) -> String {
        var result = ""
        var lastWasSpace = false
        for character in text {
            if character.isWhitespace {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.append(character)
                lastWasSpace = false
            }
        }
        return result
    }

    /// Lines trimmed, at most one blank line between paragraphs, none at the ends.
    private static func tidy(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.replacingOccurrences(of: "\u{00A0}", with: " ").trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(trimmed)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
