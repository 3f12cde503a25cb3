import CGMime
import Foundation

/// Walks a message's MIME tree: the first text/plain and the first text/html that are
/// not attachments make the text; every other leaf is an attachment.
struct BodyCollector {
    private(set) var plain: String?
    private(set) var html: String?
    private(set) var attachments: [MailAttachment] = []

    /// The text/plain part, else the HTML reduced to text, else empty.
    var text: String {
        if let plain { return plain.replacingOccurrences(of: "\r\n", with: "\n") }
        if let html { return HTMLText.plain(html) }
        return ""
    }

    mutating func walk(_ object: UnsafeMutablePointer<GMimeObject>) {
        if glim_is_multipart(object) != 0 {
            let multipart = glim_multipart(object)
            for index in 0..<g_mime_multipart_get_count(multipart) {
                if let child = g_mime_multipart_get_part(multipart, index) { walk(child) }
            }
        } else if glim_is_message_part(object) != 0 {
            attachments.append(
                MailAttachment(filename: nil, contentType: mimeType(object), data: embeddedMessage(object)))
        } else if glim_is_part(object) != 0 {
            leaf(object)
        }
    }

    private mutating func leaf(_ object: UnsafeMutablePointer<GMimeObject>) {
        let part = glim_part(object)
        let filename = GMimeSupport.string(g_mime_part_get_filename(part))
        let type = mimeType(object)
        let isAttachment = g_mime_part_is_attachment(part) != 0 || filename != nil
        if !isAttachment, glim_is_text_part(object) != 0, type == "text/plain" || type == "text/html" {
            // g_mime_text_part_get_text decodes the transfer encoding and converts the
            // part's charset to UTF-8.
            let text = GMimeSupport.take(g_mime_text_part_get_text(glim_text_part(object))) ?? ""
            if type == "text/plain", plain == nil { plain = text; return }
            if type == "text/html", html == nil { html = text; return }
        }
        attachments.append(MailAttachment(filename: filename, contentType: type, data: decoded(part)))
    }

    /// A leaf's content without its transfer encoding.
    private func decoded(_ part: UnsafeMutablePointer<GMimePart>?) -> Data {
        guard let content = g_mime_part_get_content(part), let stream = g_mime_stream_mem_new() else { return Data() }
        defer { glim_unref(stream) }
        g_mime_data_wrapper_write_to_stream(content, stream)
        return GMimeSupport.bytes(of: stream)
    }

    /// An attached message (message/rfc822) as its raw bytes.
    private func embeddedMessage(_ object: UnsafeMutablePointer<GMimeObject>) -> Data {
        guard let message = g_mime_message_part_get_message(glim_message_part(object)),
            let stream = g_mime_stream_mem_new()
        else { return Data() }
        defer { glim_unref(stream) }
        g_mime_object_write_to_stream(glim_object(message), nil, stream)
        return GMimeSupport.bytes(of: stream)
    }

    private func mimeType(_ object: UnsafeMutablePointer<GMimeObject>) -> String {
        guard let type = g_mime_object_get_content_type(object) else { return "application/octet-stream" }
        return GMimeSupport.take(g_mime_content_type_get_mime_type(type))?.lowercased() ?? "application/octet-stream"
    }
}
