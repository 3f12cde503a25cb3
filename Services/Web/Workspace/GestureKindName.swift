import Contract

/// Gesture kinds as the gesture form names them ("gift") and back.
enum GestureKindName {
    /// The kinds the form offers, in its order.
    static let offered: [Tickets.GestureKind] = [
        .gift, .voucher, .refund, .replacement, .service, .other,
    ]

    static func name(_ kind: Tickets.GestureKind?) -> String {
        switch kind {
        case .replacement: "replacement"
        case .refund: "refund"
        case .voucher: "voucher"
        case .gift: "gift"
        case .service: "service"
        case .other, .unspecified, nil: "other"
        }
    }

    /// The kind a form value names; nil for anything else.
    static func kind(_ name: String?) -> Tickets.GestureKind? {
        offered.first { self.name($0) == name }
    }
}
