import Foundation
import Domain

extension Channel {
    /// The channel a handle's shape belongs to: an e-mail address, a phone number
    /// (digits with `+`, spaces, `-`, `(`, `)`, at least six digits) or a Twitter
    /// "@handle"; nil for anything else.
    init?(reaching handle: String?) {
        guard let handle = handle?.trimmingCharacters(in: .whitespaces), !handle.isEmpty else { return nil }
        if handle.hasPrefix("@") {
            self = .twitter
        } else if let at = handle.firstIndex(of: "@"), handle[handle.index(after: at)...].contains(".") {
            self = .email
        } else if handle.allSatisfy({ $0.isNumber || "+-() ".contains($0) }),
            handle.filter(\.isNumber).count >= 6
        {
            self = .phone
        } else {
            return nil
        }
    }
}
