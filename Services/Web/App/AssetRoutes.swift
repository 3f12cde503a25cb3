import Foundation
import Hummingbird

/// The favicon (`/favicon.svg`, and `/favicon.ico` for browsers that ask for it by
/// that name), the workspace's `/live.js`, the live chat's `/chat.js` and the language switcher: `GET /language/{nl|fr|en}?next=/path` sets
/// the `glimlach_lang` cookie and goes back to `next` (a path of this site only).
struct AssetRoutes: Sendable {
    let secureCookies: Bool
    /// The favicon, read once from the resources.
    let favicon: ByteBuffer
    /// The workspace's change notices (`/live.js`), read once from the resources.
    let liveScript: ByteBuffer
    /// The live chat's widget (`/chat.js`), read once from the resources.
    let chatScript: ByteBuffer

    init(secureCookies: Bool) {
        self.secureCookies = secureCookies
        let file = WebResources.defaultDirectory.appendingPathComponent("favicon.svg")
        favicon = ByteBuffer(bytes: (try? Data(contentsOf: file)) ?? Data())
        let script = WebResources.defaultDirectory.appendingPathComponent("live.js")
        liveScript = ByteBuffer(bytes: (try? Data(contentsOf: script)) ?? Data())
        let chat = WebResources.defaultDirectory.appendingPathComponent("chat.js")
        chatScript = ByteBuffer(bytes: (try? Data(contentsOf: chat)) ?? Data())
    }

    func register(on router: Router<WebRequestContext>) {
        for path in ["/favicon.svg", "/favicon.ico"] {
            router.get(RouterPath(path)) { _, _ in
                var response = Response(status: .ok, body: .init(byteBuffer: favicon))
                response.headers[.contentType] = "image/svg+xml"
                response.headers[.cacheControl] = "public, max-age=86400"
                return response
            }
        }
        for (path, script) in [("/live.js", liveScript), ("/chat.js", chatScript)] {
            router.get(RouterPath(path)) { _, _ in
                var response = Response(status: .ok, body: .init(byteBuffer: script))
                response.headers[.contentType] = "text/javascript; charset=utf-8"
                response.headers[.cacheControl] = "public, max-age=3600"
                return response
            }
        }
        router.get("/language/:code") { request, context in
            let next = SignInRoutes.safeNext(request.uri.queryParameters["next"].map(String.init))
            guard let language = Language(tag: context.parameters.get("code")) else {
                return Response.redirect(to: next, type: .normal)
            }
            var response = Response.redirect(to: next, type: .normal)
            response.setCookie(
                Cookie(
                    name: Language.cookie, value: language.rawValue, maxAge: 365 * 86400, path: "/",
                    secure: secureCookies, httpOnly: true, sameSite: .lax))
            return response
        }
    }
}
