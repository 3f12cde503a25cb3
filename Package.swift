// swift-tools-version:6.1
// Glimlach: a customer-happiness platform. Services talk gRPC-style over a
// ZeroMQ Majordomo bus, with protobuf-c messages. See README.md and docs/.
import PackageDescription

let package = Package(
    name: "Glimlach",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bus", targets: ["BusBroker"]),
        .executable(name: "bus-test-worker", targets: ["BusTestWorker"]),
        .executable(name: "glimlach-contractgen", targets: ["ContractGen"]),
        .executable(name: "staff", targets: ["StaffService"]),
        .executable(name: "tickets", targets: ["TicketsService"]),
        .executable(name: "feedback", targets: ["FeedbackService"]),
        .executable(name: "channels", targets: ["ChannelsService"]),
        .executable(name: "webhooks", targets: ["WebhooksService"]),
        .executable(name: "analytics", targets: ["AnalyticsService"]),
        .executable(name: "analytics-bench", targets: ["AnalyticsBench"]),
        .executable(name: "glimlach", targets: ["GlimlachCLI"]),
        .executable(name: "web", targets: ["WebService"]),
        .executable(name: "gateway", targets: ["GatewayService"]),
        .library(name: "RPC", targets: ["RPC"]),
        .library(name: "Bus", targets: ["Bus"]),
        .library(name: "Domain", targets: ["Domain"]),
        .library(name: "Meta", targets: ["Meta"]),
        .library(name: "Mail", targets: ["Mail"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", exact: "2.8.1"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
        // Traces out as OTLP over HTTP only: the gRPC exporter would pull in gRPC.
        .package(url: "https://github.com/swift-otel/swift-otel", from: "1.6.0", traits: ["OTLPHTTP"]),
    ],
    targets: [
        // C libraries from Debian, each behind a small shim header.
        .systemLibrary(
            name: "CZeroMQ", path: "Shared/CZeroMQ",
            providers: [.apt(["libzmq3-dev"])]),
        .systemLibrary(
            name: "CProtobufC", path: "Shared/CProtobufC",
            providers: [.apt(["libprotobuf-c-dev"])]),
        .systemLibrary(
            name: "CCurl", path: "Shared/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CGMime", path: "Shared/CGMime", pkgConfig: "gmime-3.0",
            providers: [.apt(["libgmime-3.0-dev"])]),
        // protoc-c output for proto/*.proto (scripts/gen-proto writes it; never edit).
        .target(
            name: "GlimlachProto", dependencies: ["CProtobufC"], path: "Shared/GlimlachProto",
            sources: ["src"], publicHeadersPath: "include"),

        // Core: the shared domain vocabulary. Depends on nothing.
        .target(name: "Domain", path: "Shared/Domain"),
        // Wire: Swift values <-> protobuf-c messages, driven by the generated descriptors.
        .target(name: "Wire", dependencies: ["CProtobufC", "GlimlachProto"], path: "Shared/Wire"),
        // ZeroMQ: thread-confined sockets and the poll loop that owns them.
        .target(
            name: "ZeroMQ",
            dependencies: ["CZeroMQ", .product(name: "Logging", package: "swift-log")],
            path: "Shared/ZeroMQ"),
        // RPC: methods, statuses, call context, the router and its interceptors, the client
        // protocol and the in-memory transport. Knows nothing of ZeroMQ.
        .target(
            name: "RPC",
            dependencies: [
                "Wire", .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            path: "Shared/RPC"),
        // Bus: Majordomo broker, RPC client, worker runtime, events: the bus transport of RPC.
        .target(
            name: "Bus",
            dependencies: [
                "RPC", "ZeroMQ", "Wire", "GlimlachProto",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/Bus"),
        // Observability: swift-metrics with a Prometheus backend, served over HTTP by Hummingbird.
        .target(
            name: "Observability",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "OTel", package: "swift-otel"),
            ],
            path: "Shared/Observability"),

        // Mail: IMAP polling and SMTP submission (libcurl), MIME parsing and composing (GMime).
        .target(name: "Mail", dependencies: ["CCurl", "CGMime"], path: "Shared/Mail"),

        // Contract: the Swift side of proto/, generated from the descriptors by ContractGen.
        .target(name: "Contract", dependencies: ["Bus", "Domain", "Wire"], path: "Shared/Contract"),

        // ServiceKit: what every data-owning service shares: SQLite store with outbox and
        // idempotency ledger, request checks, paging, the process host.
        .target(
            name: "ServiceKit",
            dependencies: [
                "Bus", "Domain", "Observability",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/ServiceKit"),

        // ApiAccess: what an API token may call (scopes) and how often (a token bucket per
        // token), for staff, which makes tokens, and the HTTP gateway, which checks them.
        .target(name: "ApiAccess", dependencies: ["Contract", "Bus", "Wire"], path: "Shared/ApiAccess"),

        // Meta: Facebook Messenger and WhatsApp Cloud API webhooks (verification, signatures,
        // parsing) and the Graph API sender, for the channels service.
        .target(
            name: "Meta",
            dependencies: [
                "Domain",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Shared/Meta"),

        // HTTPAPI: the HTTP API's routes as the contract gives them, the status mapping and
        // the OpenAPI document (ContractGen writes it, the gateway serves it).
        .target(name: "HTTPAPI", dependencies: ["Wire", "RPC"], path: "Shared/HTTPAPI"),

        .executableTarget(name: "ContractGen", dependencies: ["Wire", "HTTPAPI"], path: "Services/ContractGen"),
        .executableTarget(
            name: "BusBroker",
            dependencies: [
                "Bus", "Observability",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Bus"),

        .executableTarget(
            name: "StaffService",
            dependencies: [
                "ServiceKit", "Contract", "Domain", "Bus", "ApiAccess",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Services/Staff"),
        .executableTarget(
            name: "TicketsService",
            dependencies: [
                "ServiceKit", "Contract", "Domain", "Bus",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Services/Tickets"),

        .executableTarget(
            name: "FeedbackService",
            dependencies: [
                "ServiceKit", "Contract", "Domain", "Bus",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Services/Feedback"),
        .executableTarget(
            name: "ChannelsService",
            dependencies: [
                "ServiceKit", "Contract", "Domain", "Bus", "Meta", "Mail",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Channels"),
        // Webhooks: tickets' and feedback's public events POSTed, signed, to subscribed URLs.
        .executableTarget(
            name: "WebhooksService",
            dependencies: [
                "ServiceKit", "Contract", "Domain", "Bus", "Wire",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Webhooks"),
        // Analytics: the read model and reports (a library, so the benchmark links it too)
        // and the thin worker executable.
        .target(
            name: "AnalyticsCore", dependencies: ["Contract", "Domain", "Bus"],
            path: "Services/Analytics/Core"),
        .executableTarget(
            name: "AnalyticsService",
            dependencies: [
                "AnalyticsCore", "ServiceKit", "Bus",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Services/Analytics/Command"),
        .executableTarget(
            name: "AnalyticsBench",
            dependencies: [
                "AnalyticsCore", "Contract", "Domain", "Bus", .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/AnalyticsBench"),

        // Stack: the compose file's services as native processes (glimlach up, integration tests).
        .target(
            name: "Stack",
            dependencies: [
                "Bus", .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Shared/Stack"),

        // The command-line tool: call any method, inspect the contract and the bus, run the stack.
        .executableTarget(
            name: "GlimlachCLI",
            dependencies: [
                "Bus", "Wire", "Stack", "Contract", "Domain", "ServiceKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Services/Glimlach"),

        // The web front: the customer's survey page and the team's dashboard (Hummingbird 2),
        // talking to the services only over the bus.
        .executableTarget(
            name: "WebService",
            dependencies: [
                "Bus", "Contract", "Domain", "Stack", "Observability", "ApiAccess",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            ],
            path: "Services/Web", resources: [.copy("Resources")]),

        // The HTTP/JSON API: every public method of the contract over HTTP (Hummingbird 2),
        // calling the services over the bus; serves its OpenAPI document.
        .executableTarget(
            name: "GatewayService",
            dependencies: [
                "Bus", "Contract", "HTTPAPI", "Wire", "Stack", "Observability", "ApiAccess",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Gateway"),

        // The bus's part of `make bench` (scripts/bench): echo latency and throughput.
        .executableTarget(
            name: "bus-bench",
            dependencies: [
                "Bus", "Contract", "Stack", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Benchmarks/BusBench"),

        // Fuzzing the wire decoder and the broker's frame handling (scripts/fuzz). The
        // targets reach into the broker's state, so they build in debug only.
        .target(
            name: "FuzzTargets",
            dependencies: ["Bus", "Wire", "ZeroMQ", .product(name: "Logging", package: "swift-log")],
            path: "Fuzz/Targets"),
        .executableTarget(name: "wire-fuzz", dependencies: ["FuzzTargets"], path: "Fuzz/WireFuzz"),
        .executableTarget(name: "frame-fuzz", dependencies: ["FuzzTargets"], path: "Fuzz/FrameFuzz"),

        // A worker process the bus tests start, kill and count (not shipped).
        .executableTarget(
            name: "BusTestWorker",
            dependencies: ["Bus", .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
            path: "Tests/BusTestWorker"),

        // Processes, loopback endpoints and waiting, shared by the tests.
        .target(
            name: "TestSupport",
            dependencies: ["Bus", "ZeroMQ", "Stack", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport"),
        .testTarget(
            name: "ServiceKitTests",
            dependencies: [
                "ServiceKit", "Contract", "Observability", "Stack", "TestSupport",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Tests/ServiceKitTests"),
        .testTarget(
            name: "StaffTests", dependencies: ["StaffService", "Contract", "TestSupport"],
            path: "Tests/StaffTests"),
        .testTarget(
            name: "TicketsTests", dependencies: ["TicketsService", "StaffService", "Contract", "TestSupport"],
            path: "Tests/TicketsTests"),
        .testTarget(
            name: "FeedbackTests",
            dependencies: ["FeedbackService", "TicketsService", "StaffService", "Contract", "TestSupport"],
            path: "Tests/FeedbackTests"),
        .testTarget(
            name: "ChannelsTests",
            dependencies: [
                "ChannelsService", "TicketsService", "FeedbackService", "StaffService", "Contract", "Meta", "Mail",
                "MetaTestSupport", "TestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/ChannelsTests"),
        .testTarget(
            name: "WebhooksTests",
            dependencies: [
                "WebhooksService", "TicketsService", "FeedbackService", "StaffService", "Contract", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/WebhooksTests"),
        .testTarget(
            name: "AnalyticsTests",
            dependencies: [
                "AnalyticsService", "AnalyticsCore", "FeedbackService", "TicketsService", "StaffService", "ServiceKit",
                "Contract", "TestSupport",
            ],
            path: "Tests/AnalyticsTests"),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "WebService", "FeedbackService", "TicketsService", "StaffService", "ChannelsService", "WebhooksService",
                "AnalyticsCore",
                "Contract", "TestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Tests/WebTests"),
        // A stand-in for the Graph API that checks every request's shape (Meta's and
        // the channels service's tests).
        .target(
            name: "MetaTestSupport",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/MetaTestSupport"),
        .testTarget(
            name: "MetaTests",
            dependencies: [
                "Meta", "Domain", "MetaTestSupport", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/MetaTests"),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "GatewayService", "TicketsService", "StaffService", "AnalyticsCore", "ApiAccess", "HTTPAPI", "Contract",
                "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/GatewayTests"),
        .testTarget(
            name: "FaultTests", dependencies: ["Bus", "Contract", "Domain", "ZeroMQ", "TestSupport"],
            path: "Tests/FaultTests"),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzTargets"], path: "Tests/FuzzRegressionTests"),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "Stack", "Bus", "Contract", "Domain", "Mail", "Meta", "MetaTestSupport", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Tests/EndToEndTests"),
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "Stack", "Bus"], path: "Tests/CLITests"),
        .testTarget(
            name: "MailTests", dependencies: ["Mail", "TestSupport"], path: "Tests/MailTests",
            exclude: ["Fixtures"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain"], path: "Tests/DomainTests"),
        .testTarget(
            name: "ApiAccessTests", dependencies: ["ApiAccess", "Contract", "Bus"], path: "Tests/ApiAccessTests"),
        .testTarget(
            name: "WireTests", dependencies: ["Wire", "CProtobufC", "Contract", "Domain"], path: "Tests/WireTests"),
        .testTarget(
            name: "BusTests", dependencies: ["Bus", "ZeroMQ", "CZeroMQ", "Wire", "GlimlachProto", "TestSupport"],
            path: "Tests/BusTests"),
    ]
)
