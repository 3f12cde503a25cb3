/// Horizontal NPS bars on a -100..+100 axis, each with its 95% interval as a whisker:
/// a small sample shows a wide interval, so nobody reads too much into it.
enum IntervalChart {
    struct Row: Sendable {
        let label: String
        let nps: Double
        let lower: Double
        let upper: Double
        let n: UInt64
    }

    /// - Parameter empty: Shown when there are no rows.
    static func svg(_ rows: [Row], label: String, empty: String = "No answers in this window yet", width: Int = 640)
        -> String
    {
        let rowHeight = 26.0, labelWidth = 170.0, valueWidth = 120.0
        let height = Int(rowHeight * Double(max(rows.count, 1)) + 24)
        let left = labelWidth, right = Double(width) - valueWidth
        func x(_ value: Double) -> Double { left + (right - left) * (min(max(value, -100), 100) + 100) / 200 }
        var parts = [
            #"<line x1="\#(SVG.number(x(0)))" x2="\#(SVG.number(x(0)))" y1="0" y2="\#(height - 20)" stroke="rgb(154,161,173)"/>"#
        ]
        for tick in [-100.0, 0, 100] {
            parts.append(SVG.text(x(tick), Double(height) - 6, SVG.number(tick, 0), anchor: "middle"))
        }
        for (index, row) in rows.enumerated() {
            let top = Double(index) * rowHeight + 4, middle = top + rowHeight / 2 - 2
            let from = min(x(0), x(row.nps)), barWidth = abs(x(row.nps) - x(0))
            let colour = row.nps >= 0 ? "rgb(43,138,62)" : "rgb(201,42,42)"
            parts.append(
                SVG.text(labelWidth - 8, middle + 4, String(row.label.prefix(26)), anchor: "end", fill: "rgb(29,36,51)")
            )
            parts.append(
                #"<rect x="\#(SVG.number(from))" y="\#(SVG.number(top + 4))" width="\#(SVG.number(max(barWidth, 1)))" height="\#(SVG.number(rowHeight - 12))" fill="\#(colour)" fill-opacity="0.7"/>"#
            )
            parts.append(
                #"<line class="interval" x1="\#(SVG.number(x(row.lower)))" x2="\#(SVG.number(x(row.upper)))" y1="\#(SVG.number(middle))" y2="\#(SVG.number(middle))" stroke="rgb(29,36,51)" stroke-width="1.5"/>"#
            )
            for end in [row.lower, row.upper] {
                parts.append(
                    #"<line x1="\#(SVG.number(x(end)))" x2="\#(SVG.number(x(end)))" y1="\#(SVG.number(middle - 5))" y2="\#(SVG.number(middle + 5))" stroke="rgb(29,36,51)" stroke-width="1.5"/>"#
                )
            }
            parts.append(
                SVG.text(
                    right + 6, middle + 4,
                    "\(SVG.number(row.nps, 0)) [\(SVG.number(row.lower, 0))…\(SVG.number(row.upper, 0))] n=\(row.n)"))
        }
        if rows.isEmpty {
            parts.append(SVG.text(Double(width) / 2, 16, empty, anchor: "middle", size: 13))
        }
        return SVG.wrap(width: width, height: height, label: label, parts.joined())
    }
}

/// Horizontal bars of a share 0..1 (first responses within target).
enum ShareChart {
    struct Row: Sendable {
        let label: String
        let share: Double?
        let detail: String
    }

    /// - Parameter empty: Shown when there are no rows.
    static func svg(_ rows: [Row], label: String, empty: String = "No tickets in this window yet", width: Int = 640)
        -> String
    {
        let rowHeight = 26.0, left = 170.0, right = Double(width) - 170
        let height = Int(rowHeight * Double(max(rows.count, 1)) + 8)
        var parts: [String] = []
        for (index, row) in rows.enumerated() {
            let top = Double(index) * rowHeight + 4, middle = top + rowHeight / 2 + 2
            parts.append(SVG.text(left - 8, middle, String(row.label.prefix(26)), anchor: "end", fill: "rgb(29,36,51)"))
            parts.append(
                #"<rect x="\#(left)" y="\#(SVG.number(top + 4))" width="\#(SVG.number(right - left))" height="\#(SVG.number(rowHeight - 12))" fill="rgb(236,238,241)"/>"#
            )
            if let share = row.share {
                parts.append(
                    #"<rect x="\#(left)" y="\#(SVG.number(top + 4))" width="\#(SVG.number((right - left) * min(max(share, 0), 1)))" height="\#(SVG.number(rowHeight - 12))" fill="rgb(28,126,214)"/>"#
                )
            }
            let value = row.share.map { "\(SVG.number($0 * 100, 0))%" } ?? "–"
            parts.append(SVG.text(right + 6, middle, "\(value) \(row.detail)"))
        }
        if rows.isEmpty {
            parts.append(SVG.text(Double(width) / 2, 16, empty, anchor: "middle", size: 13))
        }
        return SVG.wrap(width: width, height: height, label: label, parts.joined())
    }
}
