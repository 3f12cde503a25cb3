import Bus
import Foundation
import TestSupport

@testable import ChannelsService

/// The database the channels suites run on: SQLite, or PostgreSQL when
/// `GLIMLACH_TEST_BACKEND=postgres` (make test runs the suites both ways).
enum ChannelsBackend {
    static let isPostgres = TestBackend.isPostgres
    static let isSQLite = TestBackend.isSQLite

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
