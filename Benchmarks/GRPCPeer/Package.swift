// swift-tools-version:6.1
// The gRPC peer of `make bench`: the bus benchmark's echo call with grpc-swift 2 over
// HTTP/2 on loopback. A package of its own so the main build never pulls gRPC.
import PackageDescription

let package = Package(
    name: "GRPCPeer",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/grpc/grpc-swift-2", exact: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", exact: "2.9.2"),
    ],
    targets: [
        .executableTarget(
            name: "grpc-peer",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            ],
            path: "Sources/GRPCPeer")
    ]
)
