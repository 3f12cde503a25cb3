import Foundation

/// Checks a Standard Webhooks signature with Python's `hmac` and `base64`, not
/// with the code under test: HMAC-SHA256 keyed by the base64-decoded secret (after
/// `whsec_`) over "{id}.{timestamp}.{body}", compared with the `v1,` entries.
enum IndependentSignature {
    static func verify(secret: String, id: String, timestamp: String, body: String, header: String) throws -> Bool {
        let script = """
            import base64, hashlib, hmac, sys
            secret, msg_id, ts, header = sys.argv[1:5]
            body = sys.stdin.buffer.read()
            key = base64.b64decode(secret.removeprefix("whsec_"))
            mac = hmac.new(key, msg_id.encode() + b"." + ts.encode() + b"." + body, hashlib.sha256).digest()
            expected = base64.b64encode(mac).decode()
            given = [part.split(",", 1)[1] for part in header.split(" ") if part.startswith("v1,")]
            print("valid" if any(hmac.compare_digest(expected, g) for g in given) else "invalid")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, secret, id, timestamp, header]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(body.utf8))
        try input.fileHandleForWriting.close()
        let answer = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: answer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "valid"
    }
}
