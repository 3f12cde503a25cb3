/// How proto names become Swift names.
enum Naming {
    /// `glimlach.staff.Employee` in `glimlach.staff` -> `Employee` (nested names joined).
    static func shortName(_ fullName: String, package: String) -> String {
        String(fullName.dropFirst(package.count + 1)).replacingOccurrences(of: ".", with: "")
    }

    /// `TicketStatus` -> `TICKET_STATUS`, `NpsCategory` -> `NPS_CATEGORY`.
    static func upperSnake(_ name: String) -> String {
        var result = ""
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            let startsWord =
                index > 0 && character.isUppercase
                && (characters[index - 1].isLowercase || characters[index - 1].isNumber
                    || (index + 1 < characters.count && characters[index + 1].isLowercase))
            if startsWord { result += "_" }
            result += character.uppercased()
        }
        return result
    }

    /// `CreateEmployee` -> `createEmployee`; with `snake`, `PENDING_CUSTOMER` -> `pendingCustomer`.
    static func lowerCamel(_ name: String, snake: Bool = false) -> String {
        guard snake else { return name.prefix(1).lowercased() + name.dropFirst() }
        let words = name.lowercased().split(separator: "_")
        guard let first = words.first else { return name }
        return String(first) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Back-quotes Swift keywords and prefixes names that start with a digit.
    static func identifier(_ name: String) -> String {
        if name.first?.isNumber == true { return "_" + name }
        return keywords.contains(name) ? "`\(name)`" : name
    }

    private static let keywords: Set<String> = [
        "associatedtype", "as", "break", "case", "catch", "class", "continue", "default", "defer", "deinit", "do",
        "else", "enum", "extension", "fallthrough", "false", "for", "func", "guard", "if", "import", "in", "init",
        "inout", "internal", "is", "let", "nil", "operator", "private", "protocol", "public", "repeat", "rethrows",
        "return", "self", "Self", "static", "struct", "subscript", "super", "switch", "throw", "throws", "true", "try",
        "Type", "typealias", "var", "where", "while",
    ]
}
