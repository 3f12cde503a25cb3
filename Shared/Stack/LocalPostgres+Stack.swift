extension StackDefinition {
    /// The services with a PostgreSQL backend: each gets a database named like the
    /// service and its URL as `GLIMLACH_DATABASE_URL` (`glimlach up --postgres`,
    /// compose/docker-compose.postgres.yml) instead of its SQLite file.
    public static let postgresServices = ["tickets", "staff", "channels", "feedback", "webhooks"]
}

extension Array where Element == NativeService {
    /// The stack with every process of `StackDefinition.postgresServices` given
    /// `GLIMLACH_DATABASE_URL`, its service's database on `postgres`.
    public func withDatabases(on postgres: LocalPostgres) -> [NativeService] {
        map { service in
            guard StackDefinition.postgresServices.contains(service.service) else { return service }
            return service.adding(environment: ["GLIMLACH_DATABASE_URL": postgres.url(database: service.service)])
        }
    }
}
