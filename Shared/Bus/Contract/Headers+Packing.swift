import CProtobufC
import Glibc
import GlimlachProto
import RPC
import Wire

// The two headers cross every hop of every call (the client packs a request header,
// the broker and the worker unpack it, the worker packs a reply header, the client
// unpacks it). The generic `wireBytes()` path walks the descriptor through a Codable
// record (a dictionary and a malloc per field); these go straight through the
// generated protobuf-c structs. libprotobuf-c still writes and parses every byte, so
// the result is byte for byte what `wireBytes()` gives, and bad input fails the same
// way (`WireError`).

extension RequestHeader {
    /// The header's protobuf encoding (as `wireBytes()`).
    /// - Throws: `WireError.invalidValue` for a string with a NUL character.
    public func packed() throws -> [UInt8] {
        let strings =
            [request_id, trace_id, idempotency_key, acting_employee_id] + metadata.flatMap { [$0.key, $0.value] }
        // C strings end at NUL: let the generic path report such a value.
        if strings.contains(where: { $0?.utf8.contains(0) == true }) { return try wireBytes() }
        var message = Glimlach__RequestHeader()
        glimlach__request_header__init(&message)
        message.request_id = request_id.map { strdup($0) }
        message.trace_id = trace_id.map { strdup($0) }
        message.idempotency_key = idempotency_key.map { strdup($0) }
        message.acting_employee_id = acting_employee_id.map { strdup($0) }
        defer {
            [message.request_id, message.trace_id, message.idempotency_key, message.acting_employee_id].forEach {
                free(UnsafeMutableRawPointer($0))
            }
        }
        if let deadline_ms {
            message.has_deadline_ms = 1
            message.deadline_ms = deadline_ms
        }
        if let idempotent {
            message.has_idempotent = 1
            message.idempotent = idempotent ? 1 : 0
        }
        return withMetadataEntries(metadata) { count, entries in
            message.n_metadata = count
            message.metadata = entries
            return pack(size: glimlach__request_header__get_packed_size(&message)) {
                glimlach__request_header__pack(&message, $0)
            }
        }
    }

    /// Decodes a header (as `init(wireBytes:)`).
    /// - Throws: `WireError.malformed` for bytes that are no `RequestHeader`,
    ///   `.invalidValue` for a string that is not UTF-8 or holds a NUL, or more
    ///   metadata entries than `WireCodec.maxRequestItems`.
    public init(packed bytes: [UInt8]) throws {
        self.init()
        guard !bytes.isEmpty else { return }
        let unpacked = bytes.withUnsafeBufferPointer {
            glimlach__request_header__unpack(WireCodec.allocator, $0.count, $0.baseAddress)
        }
        guard let unpacked else { throw WireError.malformed(message: Self.messageName) }
        defer { glimlach__request_header__free_unpacked(unpacked, WireCodec.allocator) }
        let message = unpacked.pointee
        request_id = try decodeString(message.request_id, field: "request_id")
        trace_id = try decodeString(message.trace_id, field: "trace_id")
        idempotency_key = try decodeString(message.idempotency_key, field: "idempotency_key")
        acting_employee_id = try decodeString(message.acting_employee_id, field: "acting_employee_id")
        if message.has_deadline_ms != 0 { deadline_ms = message.deadline_ms }
        if message.has_idempotent != 0 { idempotent = message.idempotent != 0 }
        guard message.n_metadata <= WireCodec.maxRequestItems else {
            throw WireError.invalidValue(
                field: "metadata", reason: "at most \(WireCodec.maxRequestItems) items, got \(message.n_metadata)")
        }
        metadata = try decodeMetadata(count: message.n_metadata, entries: message.metadata)
    }
}

extension ReplyHeader {
    /// The header's protobuf encoding (as `wireBytes()`).
    /// - Throws: `WireError.invalidValue` for a string with a NUL character.
    public func packed() throws -> [UInt8] {
        let strings = [request_id, message] + metadata.flatMap { [$0.key, $0.value] }
        if strings.contains(where: { $0?.utf8.contains(0) == true }) { return try wireBytes() }
        var header = Glimlach__ReplyHeader()
        glimlach__reply_header__init(&header)
        header.request_id = request_id.map { strdup($0) }
        header.message = message.map { strdup($0) }
        defer { [header.request_id, header.message].forEach { free(UnsafeMutableRawPointer($0)) } }
        if let code {
            header.has_code = 1
            header.code = Glimlach__StatusCode(rawValue: numericCast(code.rawValue))
        }
        return withMetadataEntries(metadata) { count, entries in
            header.n_metadata = count
            header.metadata = entries
            return pack(size: glimlach__reply_header__get_packed_size(&header)) {
                glimlach__reply_header__pack(&header, $0)
            }
        }
    }

    /// Decodes a header (as `init(wireBytes:)`).
    /// - Throws: `WireError.malformed` for bytes that are no `ReplyHeader`,
    ///   `.invalidValue` for a string that is not UTF-8 or a code the contract does not know.
    public init(packed bytes: [UInt8]) throws {
        self.init(request_id: nil, code: .ok)
        code = nil
        guard !bytes.isEmpty else { return }
        let unpacked = bytes.withUnsafeBufferPointer {
            glimlach__reply_header__unpack(WireCodec.allocator, $0.count, $0.baseAddress)
        }
        guard let unpacked else { throw WireError.malformed(message: Self.messageName) }
        defer { glimlach__reply_header__free_unpacked(unpacked, WireCodec.allocator) }
        let header = unpacked.pointee
        request_id = try decodeString(header.request_id, field: "request_id")
        message = try decodeString(header.message, field: "message")
        if header.has_code != 0 {
            guard let known = StatusCode(rawValue: numericCast(header.code.rawValue)) else {
                throw WireError.invalidValue(field: "code", reason: "\(header.code.rawValue) is not a declared value")
            }
            code = known
        }
        metadata = try decodeMetadata(count: header.n_metadata, entries: header.metadata)
    }
}

/// Runs `body` with a C array of metadata entries whose strings live until it returns.
private func withMetadataEntries<Result>(
    _ metadata: [MetadataEntry],
    _ body: (Int, UnsafeMutablePointer<UnsafeMutablePointer<Glimlach__MetadataEntry>?>?) -> Result
) -> Result {
    guard !metadata.isEmpty else { return body(0, nil) }
    let entries = UnsafeMutablePointer<Glimlach__MetadataEntry>.allocate(capacity: metadata.count)
    let pointers = UnsafeMutablePointer<UnsafeMutablePointer<Glimlach__MetadataEntry>?>.allocate(
        capacity: metadata.count)
    for (index, entry) in metadata.enumerated() {
        var cEntry = Glimlach__MetadataEntry()
        glimlach__metadata_entry__init(&cEntry)
        cEntry.key = strdup(entry.key)
        cEntry.value = entry.value.map { strdup($0) }
        (entries + index).initialize(to: cEntry)
        pointers[index] = entries + index
    }
    defer {
        for index in 0..<metadata.count {
            free(entries[index].key)
            free(entries[index].value)
        }
        entries.deallocate()
        pointers.deallocate()
    }
    return body(metadata.count, pointers)
}

/// `size` bytes written by `write`, which returns how many it wrote.
private func pack(size: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) -> [UInt8] {
    guard size > 0 else { return [] }
    return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in count = write(buffer.baseAddress!) }
}

private func decodeString(_ text: UnsafeMutablePointer<CChar>?, field: String) throws -> String? {
    guard let text else { return nil }
    return try WireCodec.string(text, field: field)
}

private func decodeMetadata(count: Int, entries: UnsafeMutablePointer<UnsafeMutablePointer<Glimlach__MetadataEntry>?>?)
    throws -> [MetadataEntry]
{
    guard count > 0, let entries else { return [] }
    return try (0..<count).compactMap { index in
        guard let entry = entries[index]?.pointee else { return nil }
        // A required-looking key may still be unset on the wire; the generic path
        // fails that as a missing field.
        guard let key = try decodeString(entry.key, field: "metadata[\(index)].key") else {
            throw WireError.missingField("metadata[\(index)].key")
        }
        return MetadataEntry(key: key, value: try decodeString(entry.value, field: "metadata[\(index)].value"))
    }
}
