import Domain
import Foundation
import Hummingbird
import HummingbirdBcrypt
import Testing

@testable import WebService

@Suite("Escaping, signing and forms")
struct SecurityTests {
    @Test("customer text is escaped") func escapes() {
        #expect(
            HTML.escape(#"<script>alert("x")</script> & 'y'"#)
                == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;")
    }

    @Test("CSV cells are quoted, and formulas defused") func csvCells() {
        #expect(CSV.cell("plain") == "plain")
        #expect(CSV.cell("a,b") == "\"a,b\"")
        #expect(CSV.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.cell("=1+1") == "'=1+1")
        #expect(CSV.cell("-2+3") == "'-2+3")
        #expect(CSV.cell("-12.5") == "-12.5")
    }

    @Test("form bodies decode percent and plus") func form() {
        let form = Form("comment=Hello+there%21&score=9&consent=yes&empty=")
        #expect(form["comment"] == "Hello there!")
        #expect(form["score"] == "9")
        #expect(form["empty"] == "")
    }

    @Test("a CSRF token is bound to its purpose and its cookie") func csrfBinding() {
        let sessions = Sessions(key: .random(), secure: false)
        let token = sessions.csrf("survey:abc", nonce: "nonce-1")
        #expect(sessions.checkCSRF(token, purpose: "survey:abc", nonce: "nonce-1"))
        #expect(!sessions.checkCSRF(token, purpose: "survey:abd", nonce: "nonce-1"))
        #expect(!sessions.checkCSRF(token, purpose: "survey:abc", nonce: "nonce-2"))
        #expect(!sessions.checkCSRF(nil, purpose: "survey:abc", nonce: "nonce-1"))
        #expect(!Sessions(key: .random(), secure: false).checkCSRF(token, purpose: "survey:abc", nonce: "nonce-1"))
    }

    @Test("the users file holds bcrypt hashes, one name a line") func usersFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("users-\(UUID().uuidString)").path
        try "# team leads\nlisa:\(Bcrypt.hash("s3cret", cost: 4))\n\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let users = try UserDirectory(file: path)
        #expect(await users.verify(name: "lisa", password: "s3cret"))
        #expect(await users.verify(name: "lisa", password: "S3cret") == false)
        #expect(await users.verify(name: "bob", password: "s3cret") == false)
        try "no colon here\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: UserDirectory.FileError.self) { try UserDirectory(file: path) }
    }

    @Test("a session key shorter than 32 characters is refused") func shortKey() {
        #expect(throws: SessionKey.KeyError.self) { try SessionKey.parse("short") }
    }
}
