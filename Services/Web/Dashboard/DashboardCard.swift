/// One dashboard card as its template (`card.mustache`, `block.mustache`) reads it:
/// a title, an optional CSV link and blocks of content. Every text is escaped by the
/// engine; only `svg` (charts made and escaped in code) and the CSV link (made of
/// the checked filters) are inserted whole.
struct DashboardCard {
    var title: String
    var csv: String?
    var blocks: [[String: Any]] = []

    init(_ title: String, csv: String? = nil) {
        self.title = title
        self.csv = csv
    }

    /// A paragraph, optionally with a class, an id and a bold lead.
    mutating func paragraph(_ text: String, class cls: String? = nil, id: String? = nil, lead: String? = nil) {
        var para: [String: Any] = ["text": text]
        if let cls { para["pclass"] = cls }
        if let id { para["pid"] = id }
        if let lead { para["lead"] = lead }
        blocks.append(["para": para])
    }

    mutating func heading(_ text: String) { blocks.append(["h3": text]) }

    /// A chart made by `SVG`/`IntervalChart`/`TrendChart`, whose labels are escaped there.
    mutating func svg(_ chart: String) { blocks.append(["svg": chart]) }

    /// A table; `numeric` marks the right-aligned columns.
    /// `links[column][row]`, where set, makes that cell a link.
    mutating func table(_ head: [String], _ rows: [[String]], numeric: Set<Int> = [], links: [Int: [String?]] = [:]) {
        let rows = rows.enumerated().map { index, row in
            [
                "cells": row.enumerated().map { column, text in
                    var cell: [String: Any] = ["text": text, "num": numeric.contains(column)]
                    if let href = links[column]?[index] { cell["href"] = href }
                    return cell
                }
            ]
        }
        blocks.append(["table": ["head": head, "rows": rows] as [String: Any]])
    }

    mutating func quote(_ text: String, by who: String?) {
        var quote: [String: Any] = ["qtext": text]
        if let who { quote["qwho"] = who }
        blocks.append(["quote": quote])
    }

    mutating func story(_ title: String, _ body: String) {
        blocks.append(["story": ["stitle": title, "sbody": body]])
    }

    /// The values the card template reads.
    var values: [String: Any] {
        var values: [String: Any] = ["title": title, "blocks": blocks, "id": csv.map { Self.slug($0) } ?? ""]
        if let csv { values["csv"] = csv }
        return values
    }

    /// The chart's slug from its CSV link (`/dashboard/csv/trend?...` is `trend`).
    private static func slug(_ link: String) -> String {
        let path = link.split(separator: "?").first.map(String.init) ?? link
        return path.split(separator: "/").last.map(String.init) ?? ""
    }
}
