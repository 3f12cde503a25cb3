import Wire

/// Fuzzing the wire decoder: the first byte picks a message of the contract, the
/// rest is decoded as it. Whatever decodes must encode again and decode to the
/// same record; nothing may crash.
public enum WireFuzzing {
    static let schemas = MessageSchema.all.sorted { $0.fullName < $1.fullName }

    public static func run(_ input: [UInt8]) {
        guard let first = input.first, !schemas.isEmpty else { return }
        let schema = schemas[Int(first) % schemas.count]
        guard let record = try? WireCodec.decode(input.dropFirst(), as: schema) else { return }
        let again: WireRecord
        do {
            again = try WireCodec.decode(try WireCodec.encode(record, as: schema), as: schema)
        } catch {
            fatalError("\(schema.fullName): a decoded record does not round-trip: \(error)")
        }
        precondition(again == record, "\(schema.fullName): round trip changed the record")
    }
}
