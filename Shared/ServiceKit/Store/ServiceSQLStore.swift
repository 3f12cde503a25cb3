import Domain

/// A service's store kept in a `TransactionStore`: its clock, its journal and its
/// job leases are the database's. Each service's SQL store adopts it and keeps only
/// its own reads and writes.
public protocol ServiceSQLStore: JobLeases {
    var database: any TransactionStore { get }
    /// Who the store holds job leases as: this process, unless a test plays several.
    var leaseHolder: String { get }
}

extension ServiceSQLStore {
    public var leaseHolder: String { ProcessIdentity.current }

    /// The store's clock in Unix milliseconds (tests move it).
    public var nowMs: Int64 { database.now.unixMilliseconds }

    /// Makes erased data unreadable in the database's files too.
    public func truncateJournal() async throws { try await database.truncateJournal() }

    public func holdLease(_ job: String, seconds: Int) async throws -> Bool {
        try await database.holdLease(job, holder: leaseHolder, seconds: seconds)
    }
}
