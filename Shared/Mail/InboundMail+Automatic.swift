import Foundation

extension MessageReader {
    /// Why a machine sent this mail, or nil (RFC 3834, RFC 3464 and common practice):
    /// - a delivery status report (`multipart/report; report-type=delivery-status`);
    /// - `Auto-Submitted` other than `no`;
    /// - an empty Return-Path (`<>`), or a MAILER-DAEMON or postmaster sender;
    /// - `Precedence: bulk`, `junk` or `list`;
    /// - `X-Autoreply` or `X-Autorespond`.
    func automaticReason(from: MailAddress) -> String? {
        let type = contentType()
        if type.mime == "multipart/report", type.reportType == "delivery-status" {
            return "delivery status report (bounce)"
        }
        if let submitted = header("Auto-Submitted"), !submitted.isEmpty,
            submitted.lowercased().split(separator: ";").first?.trimmingCharacters(in: .whitespaces) != "no"
        {
            return "Auto-Submitted: \(submitted)"
        }
        if let returnPath = header("Return-Path"), returnPath.replacingOccurrences(of: " ", with: "") == "<>" {
            return "empty Return-Path"
        }
        let local = from.address.split(separator: "@").first?.lowercased() ?? ""
        if local == "mailer-daemon" || local == "postmaster" { return "sender \(from.address)" }
        if let precedence = header("Precedence")?.lowercased(), ["bulk", "junk", "list"].contains(precedence) {
            return "Precedence: \(precedence)"
        }
        for name in ["X-Autoreply", "X-Autorespond"] where header(name) != nil {
            return "\(name) header"
        }
        return nil
    }
}
