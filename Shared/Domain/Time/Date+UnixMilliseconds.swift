import Foundation

extension Date {
    /// The instant `milliseconds` after 1970-01-01T00:00:00Z.
    ///
    /// - Parameters:
    ///   - milliseconds: Unix time in milliseconds.
    public init(unixMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// Unix time in whole milliseconds, rounded to the nearest.
    public var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
}
