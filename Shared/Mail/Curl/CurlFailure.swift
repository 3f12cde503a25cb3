import CCurl

/// A failed libcurl transfer turned into a ``MailError``: a server reply code decides
/// first (5xx permanent, 4xx transient), then the libcurl code.
struct CurlFailure {
    let code: CURLcode
    /// CURLINFO_RESPONSE_CODE: the last SMTP reply code (0 for IMAP).
    let responseCode: Int
    /// libcurl's error buffer ("RCPT failed: 550").
    let detail: String
    let state: CurlTransferState
    let user: String

    var error: MailError {
        let reply = serverReply
        // The failure reply's own code: libcurl's may already be QUIT's 221.
        let serverCode = reply.flatMap { Int($0.prefix(3)) } ?? responseCode
        if code == CURLE_LOGIN_DENIED {
            return MailError(
                .authentication, "login: the server refused user \(user)\(reply.map { ": \($0)" } ?? "")",
                serverCode: serverCode >= 400 ? serverCode : nil,
                isTransient: (400..<500).contains(serverCode))
        }
        if serverCode >= 400 {
            let text = reply ?? "\(serverCode)"
            let command = state.failure?.command ?? state.lastCommand
            if command.uppercased().hasPrefix("RCPT TO:") {
                let recipient = Self.address(in: command)
                return MailError(
                    .recipientRejected(recipient), "recipient \(recipient): \(text)", serverCode: serverCode)
            }
            let what = command.isEmpty ? "" : "\(command.split(separator: ":").first ?? ""): "
            return MailError(.rejected, "\(what)\(text)", serverCode: serverCode)
        }
        let because = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return MailError(.timeout, "timeout: \(because)")
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR, CURLE_RECV_ERROR,
            CURLE_GOT_NOTHING, CURLE_COULDNT_RESOLVE_PROXY:
            return MailError(.connection, "connection: \(because)")
        case CURLE_SSL_CONNECT_ERROR, CURLE_USE_SSL_FAILED, CURLE_PEER_FAILED_VERIFICATION,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM:
            return MailError(.tls, "tls: \(because)")
        case CURLE_ABORTED_BY_CALLBACK:
            return MailError(.cancelled, "cancelled")
        case CURLE_REMOTE_FILE_NOT_FOUND, CURLE_REMOTE_ACCESS_DENIED:
            return MailError(.notFound, "not found: \(reply ?? because)")
        case CURLE_QUOTE_ERROR:
            return MailError(.rejected, "command refused: \(reply ?? because)")
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return MailError(.invalidArgument, "url: \(because)")
        case CURLE_WEIRD_SERVER_REPLY:
            return MailError(.protocolError, "protocol: \(reply ?? because)")
        default:
            return MailError(.connection, "mail: \(because)")
        }
    }

    /// The server's first failure reply (SMTP 4xx/5xx, IMAP NO/BAD).
    private var serverReply: String? { state.failure?.reply }

    /// `x@y` from `RCPT TO:<x@y> ...`.
    private static func address(in command: String) -> String {
        guard let open = command.firstIndex(of: "<"), let close = command[open...].firstIndex(of: ">") else {
            return String(command.dropFirst("RCPT TO:".count))
        }
        return String(command[command.index(after: open)..<close])
    }
}
