import Domain

// The wire shape of `glimlach.Channel` (proto/common.proto): a number, 1...8;
// CHANNEL_UNSPECIFIED (0) is not a channel.
extension Channel: Codable {
    /// The `glimlach.Channel` number, 1...8.
    public var wireValue: Int32 {
        switch self {
        case .phone: 1
        case .email: 2
        case .chat: 3
        case .twitter: 4
        case .facebookMessenger: 5
        case .webForm: 6
        case .whatsApp: 7
        case .inStore: 8
        }
    }

    /// The channel with wire number `wireValue`.
    ///
    /// - Parameters:
    ///   - wireValue: The `glimlach.Channel` number, 1...8.
    ///   - field: The field name to report when the number is not a channel.
    /// - Throws: `DomainError.invalid` for 0 (unspecified) and unknown numbers.
    public init(wireValue: Int32, field: String = "channel") throws(DomainError) {
        guard let channel = Channel.allCases.first(where: { $0.wireValue == wireValue }) else {
            let reason = wireValue == 0 ? "is unspecified" : "\(wireValue) is not a known channel"
            throw .invalid(field: field, reason: reason)
        }
        self = channel
    }

    /// Decodes the wire number.
    ///
    /// - Parameters:
    ///   - decoder: Holds an integer.
    /// - Throws: `DomainError.invalid` naming the coding path for 0 and unknown numbers.
    public init(from decoder: any Decoder) throws {
        let number = try decoder.singleValueContainer().decode(Int32.self)
        try self.init(wireValue: number, field: Validation.fieldName(decoder.codingPath, fallback: "channel"))
    }

    /// Encodes the wire number.
    ///
    /// - Parameters:
    ///   - encoder: Receives an integer.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wireValue)
    }
}
