import Bus
import Foundation
import TestSupport

@testable import ChannelsService

/// Stores for the channels suites on the backend they run on (`TestBackend`).
enum ChannelsBackend {
    /// A new, empty channels store: an SQLite file `channels.sqlite` in `directory`,
    /// or a fresh database on the test PostgreSQL server.
    static func store(
        in directory: URL, clock: @escaping @Sendable () -> Date = Date.init,
        publish: @escaping @Sendable ([Event]) -> Void = { _ in }
    ) async throws -> ChannelsSQLStore {
        try await ChannelsSQLStore.open(
            try await TestBackend.freshDatabase("channels", in: directory), clock: clock, publish: publish)
    }
}
