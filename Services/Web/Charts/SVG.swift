import Foundation

/// Small server-side charts as inline SVG: no script, no external files. Every label
/// is escaped; numbers are formatted with a fixed number of decimals.
enum SVG {
    static func number(_ value: Double, _ decimals: Int = 1) -> String { String(format: "%.\(decimals)f", value) }

    static func text(
        _ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Int = 11,
        fill: String = "rgb(91,100,117)"
    )
        -> String
    {
        #"<text x="\#(number(x))" y="\#(number(y))" font-size="\#(size)" text-anchor="\#(anchor)" fill="\#(fill)">\#(HTML.escape(content))</text>"#
    }

    static func wrap(width: Int, height: Int, label: String, _ content: String) -> String {
        #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(width) \#(height)" width="\#(width)" height="\#(height)" role="img" aria-label="\#(HTML.escape(label))">\#(content)</svg>"#
    }
}

/// A daily NPS line with its 95% interval (analytics' lower and upper) as a shaded band.
enum TrendChart {
    struct Point: Sendable {
        let day: String
        let value: Double?
        let lower: Double?
        let upper: Double?
        let n: UInt64
    }

    /// - Parameters:
    ///   - empty: Shown across the chart when no day has an answer.
    ///   - label: The chart's accessible name.
    static func svg(
        _ points: [Point], empty: String = "No answers in this window yet",
        label: String = "Daily NPS with its 95% interval", width: Int = 640, height: Int = 220
    ) -> String {
        let left = 36.0, right = Double(width) - 10, top = 12.0, bottom = Double(height) - 26
        let count = max(points.count - 1, 1)
        func x(_ index: Int) -> Double { left + (right - left) * Double(index) / Double(count) }
        func y(_ value: Double) -> Double { top + (bottom - top) * (100 - min(max(value, -100), 100)) / 200 }
        var parts: [String] = []
        for tick in stride(from: -100.0, through: 100, by: 50) {
            parts.append(
                #"<line x1="\#(left)" x2="\#(right)" y1="\#(SVG.number(y(tick)))" y2="\#(SVG.number(y(tick)))" stroke="\#(tick == 0 ? "rgb(154,161,173)" : "rgb(236,238,241)")"/>"#
            )
            parts.append(SVG.text(left - 4, y(tick) + 4, SVG.number(tick, 0), anchor: "end"))
        }
        // The band and the line break where a day has no answers.
        for run in runs(points) {
            let upper = run.map { "\(SVG.number(x($0))),\(SVG.number(y(points[$0].upper ?? points[$0].value!)))" }
            let lower = run.reversed().map {
                "\(SVG.number(x($0))),\(SVG.number(y(points[$0].lower ?? points[$0].value!)))"
            }
            parts.append(
                #"<polygon class="interval" points="\#((upper + lower).joined(separator: " "))" fill="rgb(232,89,12)" fill-opacity="0.15"/>"#
            )
            let line = run.map { "\(SVG.number(x($0))),\(SVG.number(y(points[$0].value!)))" }.joined(separator: " ")
            parts.append(#"<polyline points="\#(line)" fill="none" stroke="rgb(232,89,12)" stroke-width="2"/>"#)
        }
        for (index, point) in points.enumerated() {
            guard let value = point.value else { continue }
            let title =
                "\(point.day): NPS \(SVG.number(value)), 95% interval \(SVG.number(point.lower ?? value))…\(SVG.number(point.upper ?? value)) (n=\(point.n))"
            parts.append(
                #"<circle cx="\#(SVG.number(x(index)))" cy="\#(SVG.number(y(value)))" r="3" fill="rgb(232,89,12)"><title>\#(HTML.escape(title))</title></circle>"#
            )
        }
        if let first = points.first, let last = points.last {
            parts.append(SVG.text(left, Double(height) - 8, first.day))
            parts.append(SVG.text(right, Double(height) - 8, last.day, anchor: "end"))
        }
        if !points.contains(where: { $0.value != nil }) {
            parts.append(
                SVG.text(
                    Double(width) / 2, Double(height) / 2, empty, anchor: "middle", size: 14))
        }
        return SVG.wrap(width: width, height: height, label: label, parts.joined())
    }

    /// Consecutive indices of points that have a value.
    private static func runs(_ points: [Point]) -> [[Int]] {
        var runs: [[Int]] = [], current: [Int] = []
        for (index, point) in points.enumerated() {
            if point.value != nil {
                current.append(index)
            } else if !current.isEmpty {
                runs.append(current); current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
