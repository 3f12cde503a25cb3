/// A file or other non-text part of an inbound social message.
///
/// Messenger gives a `url` to fetch the file from; WhatsApp gives a `mediaID` to look up
/// with the Graph API (`GET /{media-id}`) before downloading.
public struct SocialAttachment: Hashable, Codable, Sendable {
    /// The platform's type name: `image`, `video`, `audio`, `file`, `document`, `sticker`, ...
    public var type: String
    /// Where to download the file (Messenger), when given.
    public var url: String?
    /// The media id to resolve through the Graph API (WhatsApp), when given.
    public var mediaID: String?
    /// The MIME type, when the platform says it (WhatsApp).
    public var mimeType: String?

    /// An attachment.
    ///
    /// - Parameters:
    ///   - type: The platform's type name.
    ///   - url: The download address, if any.
    ///   - mediaID: The Graph API media id, if any.
    ///   - mimeType: The MIME type, if known.
    public init(type: String, url: String? = nil, mediaID: String? = nil, mimeType: String? = nil) {
        self.type = type
        self.url = url
        self.mediaID = mediaID
        self.mimeType = mimeType
    }
}
