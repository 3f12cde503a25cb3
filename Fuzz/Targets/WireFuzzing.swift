import Wire

/// Fuzzing the wire decoder: the first byte picks a message of the contract, the
/// rest is decoded as it. Whatever decodes must encode, and decoding and encoding
/// that again must give the same bytes; nothing may crash.
public enum WireFuzzing {
    static let schemas = MessageSchema.all.sorted { $0.fullName < $1.fullName }

    public static func run(_ input: [UInt8]) {
        guard let first = input.first, !schemas.isEmpty else { return }
        let schema = schemas[Int(first) % schemas.count]
        guard let record = try? WireCodec.decode(input.dropFirst(), as: schema) else { return }
        // Compared as bytes, so that a NaN read from the input still equals itself.
        let encoded: [UInt8], again: [UInt8]
        do {
            encoded = try WireCodec.encode(record, as: schema)
            again = try WireCodec.encode(try WireCodec.decode(encoded, as: schema), as: schema)
        } catch {
            fatalError("\(schema.fullName): a decoded record does not round-trip: \(error)")
        }
        precondition(again == encoded, "\(schema.fullName): round trip changed the encoding")
    }
}
