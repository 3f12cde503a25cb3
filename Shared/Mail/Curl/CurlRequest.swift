import CCurl
import Foundation
import Synchronization

/// One libcurl transfer against a ``MailServer``: an IMAP command or fetch, or an SMTP
/// submission. Each request opens its own connection and closes it at the end.
struct CurlRequest: Sendable {
    /// The full URL (server base plus mailbox path and `;UID=`).
    var url: String
    /// An IMAP command to send instead of curl's own (STATUS, UID SEARCH, UID STORE).
    var customRequest: String?
    /// The message to submit over SMTP.
    var upload: Data?
    /// The SMTP envelope sender (`<>` for none).
    var mailFrom: String?
    /// The SMTP envelope recipients.
    var recipients: [String] = []

    /// What the server sent: the body (fetched message or untagged replies) and the
    /// reply lines seen on the way.
    struct Response: Sendable {
        var body: Data
        var serverLines: [String]
    }

    /// Runs the transfer on a ``MailIO`` thread; cancelling the task aborts it.
    /// - Throws: ``MailError`` classified by ``CurlFailure``.
    func perform(on server: MailServer) async throws -> Response {
        let cancelled = CancelFlag()
        return try await withTaskCancellationHandler {
            try await MailIO.run { try perform(on: server, cancelled: cancelled) }
        } onCancel: {
            cancelled.flag.store(true, ordering: .relaxed)
        }
    }

    private func perform(on server: MailServer, cancelled: CancelFlag) throws -> Response {
        curlReady()
        let state = CurlTransferState(upload: upload ?? Data(), cancelled: cancelled)
        let errorText = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorText.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        defer { errorText.deallocate() }
        var recipientList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(recipientList) }
        let box = Unmanaged.passRetained(state)
        defer { box.release() }
        let data = box.toOpaque()
        // Declared last, so it runs first: cleanup may still call the callbacks (QUIT,
        // LOGOUT), which need the state, the error buffer and the recipient list.
        guard let handle = curl_easy_init() else { throw MailError(.connection, "libcurl: cannot make a handle") }
        defer { curl_easy_cleanup(handle) }

        // Each setopt returns CURLE_OK, CURLE_UNKNOWN_OPTION (older libcurl), or
        // CURLE_OUT_OF_MEMORY (string copies): the first failure is thrown.
        var codes: [CURLcode] = [
            glim_curl_set_string(handle, CURLOPT_URL, url),
            glim_curl_set_string(handle, CURLOPT_USERNAME, server.user),
            glim_curl_set_string(handle, CURLOPT_PASSWORD, server.password),
            glim_curl_set_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)),
            glim_curl_set_long(handle, CURLOPT_NOSIGNAL, 1),
            glim_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, server.connectTimeout.milliseconds),
            glim_curl_set_long(handle, CURLOPT_TIMEOUT_MS, server.operationTimeout.milliseconds),
            glim_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorText),
            glim_curl_set_long(handle, CURLOPT_VERBOSE, 1),
            glim_curl_set_debug_function(handle, curlDebug),
            glim_curl_set_pointer(handle, CURLOPT_DEBUGDATA, data),
            glim_curl_set_data_function(handle, CURLOPT_WRITEFUNCTION, curlWrite),
            glim_curl_set_pointer(handle, CURLOPT_WRITEDATA, data),
            glim_curl_set_long(handle, CURLOPT_NOPROGRESS, 0),
            glim_curl_set_progress_function(handle, curlProgress),
            glim_curl_set_pointer(handle, CURLOPT_XFERINFODATA, data),
        ]
        if let caFile = server.caFile { codes.append(glim_curl_set_string(handle, CURLOPT_CAINFO, caFile)) }
        if let customRequest { codes.append(glim_curl_set_string(handle, CURLOPT_CUSTOMREQUEST, customRequest)) }
        if let mailFrom {
            for recipient in recipients { recipientList = curl_slist_append(recipientList, "<\(recipient)>") }
            codes += [
                glim_curl_set_string(handle, CURLOPT_MAIL_FROM, mailFrom),
                glim_curl_set_pointer(handle, CURLOPT_MAIL_RCPT, recipientList),
                glim_curl_set_long(handle, CURLOPT_UPLOAD, 1),
                glim_curl_set_data_function(handle, CURLOPT_READFUNCTION, curlRead),
                glim_curl_set_pointer(handle, CURLOPT_READDATA, data),
            ]
        }
        if let failed = codes.first(where: { $0 != CURLE_OK }) {
            throw MailError(.invalidArgument, "libcurl: \(String(cString: curl_easy_strerror(failed)))")
        }
        let code = curl_easy_perform(handle)
        if code != CURLE_OK {
            throw CurlFailure(
                code: code, responseCode: glim_curl_info_long(handle, CURLINFO_RESPONSE_CODE),
                detail: String(cString: errorText), state: state, user: server.user
            ).error
        }
        return Response(body: state.received, serverLines: state.serverLines)
    }
}

/// Set when the task that waits for a transfer is cancelled; the progress callback
/// then aborts it.
final class CancelFlag: Sendable {
    let flag = Atomic<Bool>(false)
}

/// libcurl's process-wide setup, done once before the first handle.
private let curlGlobal: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))
func curlReady() { _ = curlGlobal }

extension Duration {
    /// Whole milliseconds, at least 1 (0 means "no limit" to libcurl).
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
