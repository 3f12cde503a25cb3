/// HTML character references: `&amp;`, `&#233;`, `&#xE9;` and the named ones mail
/// clients write.
enum Entities {
    private static let named: [String: Character] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "copy": "©",
        "reg": "®", "trade": "™", "euro": "€", "pound": "£", "hellip": "…", "mdash": "—", "ndash": "–",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»", "bull": "•",
        "middot": "·", "deg": "°", "eacute": "é", "egrave": "è", "ecirc": "ê", "euml": "ë", "aacute": "á",
        "agrave": "à", "auml": "ä", "iuml": "ï", "iacute": "í", "oacute": "ó", "ouml": "ö", "uuml": "ü",
        "uacute": "ú", "ccedil": "ç", "ntilde": "ñ", "szlig": "ß", "Eacute": "É", "Euml": "Ë", "Ouml": "Ö",
        "Uuml": "Ü", "Auml": "Ä",
    ]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";"),
                let character = reference(text[text.index(after: index)..<semicolon])
            else {
                result.append(text[index])
                index = text.index(after: index)
                continue
            }
            result.append(character)
            index = text.index(after: semicolon)
        }
        return result
    }

    /// `amp`, `#233` or `#xE9` as the character it names.
    private static func reference(_ name: Substring) -> Character? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map(Character.init)
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map(Character.init)
        }
        return named[String(name)]
    }
}
