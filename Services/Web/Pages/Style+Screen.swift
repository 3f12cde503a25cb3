extension Style {
    /// The office screen's stylesheet: large type on a dark background, nothing
    /// wider than the screen (a 390 px phone too). Where motion is welcome the
    /// quotes (`.tree.n<count>`, at most six) take turns in one place, sharing the
    /// minute between the page's refreshes; otherwise they stand one under the other.
    static let screenCSS = """
        *{box-sizing:border-box}html,body{margin:0;min-height:100%;background:#0f1a14;color:#f4f1e8}
        body{font:clamp(1.25rem,4.5vw,3.25rem)/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}
        main{max-width:100%;padding:1rem 5vw;margin:0 auto}
        h1{font-size:.8em;font-weight:600;color:#8fd19e;margin:.5rem 0 1rem}
        .tree{list-style:none;margin:0;padding:0;position:relative}
        .tree li{border-left:.2em solid #2f9e44;padding:.2em 0 .2em .6em;margin:0 0 1em}
        blockquote{margin:0}.leaf{margin:0;font-weight:600}.by{margin:.3em 0 0;font-size:.6em;color:#b7c4bb}
        @media (prefers-reduced-motion:no-preference){\(turns)}
        """

    /// For 2…6 quotes: each shown for its share of the minute, fading in and out.
    private static var turns: String {
        (2...6).map { count in
            let share = 100.0 / Double(count)
            let seconds = 60 / count
            let delays = (1..<count).map { "\n.n\(count) li:nth-child(\($0 + 1)){animation-delay:\($0 * seconds)s}" }
            return """
                @keyframes turn\(count){0%{opacity:0}2%{opacity:1}\(Int(share) - 2)%{opacity:1}\(Int(share))%{opacity:0}100%{opacity:0}}
                .n\(count){min-height:70vh}.n\(count) li{position:absolute;top:0;left:0;right:0;opacity:0;animation:turn\(count) 60s infinite}\(delays.joined())
                """
        }.joined(separator: "\n")
    }
}
