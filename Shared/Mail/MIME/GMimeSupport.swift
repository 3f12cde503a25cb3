import CGMime
import Foundation

/// GMime's process-wide setup, done once before the first parse or compose.
private let gmimeGlobal: Void = g_mime_init()
func gmimeReady() { _ = gmimeGlobal }

enum GMimeSupport {
    /// The bytes a memory stream holds.
    static func bytes(of stream: UnsafeMutablePointer<GMimeStream>) -> Data {
        guard let array = g_mime_stream_mem_get_byte_array(glim_stream_mem(stream)),
            let start = glim_bytes(array)
        else { return Data() }
        return Data(bytes: start, count: Int(glim_bytes_length(array)))
    }

    /// A memory stream holding a copy of `data` (the caller unrefs it).
    static func stream(_ data: Data) -> UnsafeMutablePointer<GMimeStream> {
        data.withUnsafeBytes { buffer in
            g_mime_stream_mem_new_with_buffer(buffer.baseAddress?.assumingMemoryBound(to: CChar.self), buffer.count)
        }
    }

    /// A C string GMime returns as its own (not freed here), or nil.
    static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self) }
    }

    /// A C string GMime allocated for the caller, freed here.
    static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        defer { g_free(pointer) }
        return string(pointer)
    }
}
