import Hummingbird

/// Pages from templates: `page` renders a body template into the layout. The
/// template engine escapes every `{{value}}`; `escape` is for the SVG charts, which
/// are made in code and passed to templates whole.
enum HTML {
    /// `text` safe inside element content and quoted attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A complete page: `template` rendered with `values` (plus `t`, the page's
    /// texts) inside the layout, titled `title`, in the page's language.
    static func page(
        _ template: String, _ values: [String: Any] = [:], title: String, context: PageContext,
        status: HTTPResponse.Status = .ok, wide: Bool = false
    ) -> Response {
        let resources = WebResources.shared
        var values = values
        values["t"] = context.t
        let layout: [String: Any] = [
            "lang": context.language.rawValue, "title": title, "css": Style.css, "width": wide ? "wide" : "narrow",
            "body": resources.render(template, values), "t": context.t, "languages": context.languages,
        ]
        return document(resources.render("layout", layout), status: status)
    }

    /// A whole HTML document as the response, for pages with their own frame
    /// (the office screen) as well as the layout's.
    static func document(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
        response.headers[.contentLength] = String(html.utf8.count)
        return response
    }

    /// A page with a heading and one card of paragraphs, optionally a link.
    static func message(
        title: String, paragraphs: [String], link: (href: String, text: String)? = nil, context: PageContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var values: [String: Any] = ["heading": title, "paragraphs": paragraphs]
        if let link { values["link"] = ["href": link.href, "text": link.text] }
        return page("message", values, title: title, context: context, status: status)
    }
}

extension Response {
    /// Adds Set-Cookie for `cookie` when there is one.
    func setting(_ cookie: Cookie?) -> Response {
        guard let cookie else { return self }
        var response = self
        response.setCookie(cookie)
        return response
    }
}
