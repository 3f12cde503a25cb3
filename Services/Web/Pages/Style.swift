/// The one stylesheet, inline in every page (the machine serving it may have no
/// internet, and the pages load nothing from elsewhere). Phone-first: one column,
/// large touch targets; the dashboard spreads into a grid on wide screens. Nothing
/// is wider than a 390 px phone: long words wrap, wide tables scroll inside their
/// card, charts scale to the card's width. A `words` table breaks only words that
/// cannot fit, so short headings stay whole and the table scrolls instead.
enum Style {
    static let css = """
        :root{--ink:#1d2433;--muted:#5b6475;--accent:#e8590c;--good:#2b8a3e;--bad:#c92a2a;--line:#dde1e7;--bg:#f7f7f5}
        *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        main{margin:0 auto;padding:1rem}main.narrow{max-width:36rem}main.wide{max-width:80rem}
        h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:0 0 .5rem}
        .card{background:#fff;border:1px solid var(--line);border-radius:.75rem;padding:1rem;margin:0 0 1rem}
        button{font:inherit;padding:.55rem 1.1rem;border:1px solid var(--line);border-radius:.5rem;background:#fff;color:var(--ink);cursor:pointer}
        .scores{display:grid;grid-template-columns:repeat(6,1fr);gap:.4rem;margin:.5rem 0}
        @media(min-width:30rem){.scores{grid-template-columns:repeat(11,1fr)}}
        .scores button{font-size:1.1rem;padding:.8rem 0;border:1px solid var(--line);border-radius:.5rem;background:#fff;cursor:pointer}
        .scores button:hover,.scores button:focus{background:var(--accent);color:#fff}
        .ends{display:flex;justify-content:space-between;color:var(--muted);font-size:.85rem}
        textarea,input[type=text],input[type=email],input[type=password],input[type=number],select{width:100%;font:inherit;padding:.6rem;border:1px solid var(--line);border-radius:.5rem}
        label{display:block;margin:.75rem 0 .25rem}.check{display:flex;gap:.5rem;align-items:flex-start}
        .primary{background:var(--accent);color:#fff;border:0;border-radius:.5rem;padding:.7rem 1.2rem;font:inherit;cursor:pointer}
        .muted{color:var(--muted)}.error{color:var(--bad);font-weight:600}
        .grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(min(100%,34rem),1fr))}
        .big{font-size:2.5rem;font-weight:700}table{border-collapse:collapse;width:100%;font-size:.9rem}
        th,td{text-align:left;padding:.3rem .4rem;border-bottom:1px solid var(--line)}td.n{text-align:right}
        .filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end}.filters label{margin:0}
        .quote{border-left:4px solid var(--accent);padding-left:.75rem;margin:.5rem 0}
        svg{width:100%;height:auto}a.csv{font-size:.8rem;float:right}
        header.bar{display:flex;flex-wrap:wrap;gap:.5rem;justify-content:space-between;align-items:center}
        body{overflow-wrap:anywhere}.table{overflow-x:auto;max-width:100%}.chart{max-width:100%;overflow:hidden}
        .card,.grid>*{min-width:0}select,input,button{max-width:100%}
        nav.languages{display:flex;gap:.75rem;justify-content:center;margin:1.5rem 0 .5rem;font-size:.9rem}
        nav.languages a{color:var(--muted)}
        nav.tabs{display:flex;flex-wrap:wrap;gap:1rem;margin:0 0 1rem}tr.urgent td{background:#fff4e6}td.bad{color:var(--bad)}
        fieldset{min-width:0;border:0;padding:0;margin:.75rem 0}legend{padding:0;margin:0 0 .25rem}
        .internal{background:#fff9db;border-color:#f0d264}.notice{color:var(--good);font-weight:600}.tag{font-size:.8rem;font-weight:600;text-transform:uppercase;color:var(--muted)}
        table.words{overflow-wrap:break-word}
        .chat-log{list-style:none;margin:0;padding:0;max-height:60vh;overflow-y:auto}
        .chat-log li{margin:.4rem 0;padding:.5rem .75rem;border-radius:.75rem;max-width:85%;white-space:pre-wrap}
        .chat-log li.customer{margin-left:auto;background:#fff0e6}.chat-log li.agent{background:#eef2f7}
        .chat-log .who{display:block;font-size:.8rem;color:var(--muted)}
        """
}
