import Foundation

/// How an exported report is written: analytics' CSV as it is, or newline-delimited
/// JSON with one object per row, keyed by the CSV header's columns (values as text).
enum ExportFormat: String, CaseIterable, Sendable {
    case csv
    case ndjson

    var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .ndjson: "application/x-ndjson"
        }
    }

    /// `rows` (RFC 4180 lines without terminator), each ended by a line break.
    func lines(_ rows: [String], header: String) -> String {
        switch self {
        case .csv:
            return rows.map { $0 + "\r\n" }.joined()
        case .ndjson:
            let columns = CSVLine.fields(header)
            return rows.map { row in
                let pairs = zip(columns, CSVLine.fields(row)).map { Self.quoted($0) + ":" + Self.quoted($1) }
                return "{" + pairs.joined(separator: ",") + "}\n"
            }.joined()
        }
    }

    private static func quoted(_ text: String) -> String {
        (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}

/// The fields of one RFC 4180 line: comma-separated, a field in double quotes may
/// hold commas and doubled quotes ("" for ").
enum CSVLine {
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            switch (character, quoted) {
            case ("\"", false) where field.isEmpty: quoted = true
            case ("\"", true):
                if let after = characters.next() {
                    if after == "\"" {
                        field.append("\"")
                    } else {
                        quoted = false
                        if after == "," {
                            fields.append(field)
                            field = ""
                        } else {
                            field.append(after)
                        }
                    }
                } else {
                    quoted = false
                }
            case (",", false):
                fields.append(field)
                field = ""
            default: field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}
