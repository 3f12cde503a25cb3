import Foundation
import PostgresNIO

/// Where a service's PostgreSQL database is, from a `postgres://` URL:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`.
public struct PostgresAddress: Sendable, Equatable {
    public let host: String
    public let port: Int
    public let user: String
    public let password: String?
    public let database: String

    /// Whether `url` names PostgreSQL (`postgres://` or `postgresql://`).
    public static func isPostgres(_ url: String) -> Bool {
        url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")
    }

    /// - Throws: `StoreError.badAddress` naming what is missing.
    public init(url: String) throws {
        guard Self.isPostgres(url), let parts = URLComponents(string: url), let host = parts.host, !host.isEmpty
        else { throw PostgresAddressError("database URL \(url): expected postgres://USER@HOST[:PORT]/DATABASE") }
        guard let user = parts.user, !user.isEmpty else {
            throw PostgresAddressError("database URL \(url): no user (postgres://USER@HOST/DATABASE)")
        }
        let database = String(parts.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresAddressError("database URL \(url): no database name after the host")
        }
        self.host = host
        self.port = parts.port ?? 5432
        // URLComponents gives the user and password percent-decoded already.
        self.user = user
        self.password = parts.password
        self.database = database
    }

    var configuration: PostgresConnection.Configuration {
        PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: .disable)
    }
}

/// A database URL that cannot be used.
public struct PostgresAddressError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
