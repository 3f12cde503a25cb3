import Hummingbird

/// HTML building: every text that reaches a page goes through `escape`.
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

    /// A complete page: the layout, the inline style and `body`.
    static func page(_ title: String, _ body: String, status: HTTPResponse.Status = .ok, wide: Bool = false) -> Response
    {
        let html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · Glimlach</title>
            <style>\(Style.css)</style></head>
            <body><main class="\(wide ? "wide" : "narrow")">\(body)</main></body></html>
            """
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
        response.headers[.contentLength] = String(html.utf8.count)
        return response
    }

    /// A hidden form field.
    static func hidden(_ name: String, _ value: String) -> String {
        #"<input type="hidden" name="\#(escape(name))" value="\#(escape(value))">"#
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
