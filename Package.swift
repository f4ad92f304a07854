// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "eyecrest",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "EyecrestEngine", targets: ["EyecrestEngine"]),
        .library(name: "EyecrestMarkdown", targets: ["EyecrestMarkdown"]),
        .library(name: "EyecrestServer", targets: ["EyecrestServer"]),
        .library(name: "EyecrestClient", targets: ["EyecrestClient"]),
        .library(name: "EyecrestAPI", targets: ["EyecrestAPI"]),
        .library(name: "EyecrestCluster", targets: ["EyecrestCluster"]),
        .executable(name: "eyecrest", targets: ["eyecrest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.0.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        // The API's request and response bodies, once: the server encodes them, the client
        // decodes them, and the OpenAPI document's schemas are derived from them. Foundation only.
        .target(name: "EyecrestAPI"),
        // Pure functions over markdown text: chunking, slugs, snippet cleaning. No I/O.
        .target(name: "EyecrestMarkdown"),
        // Datasets, shards, storage (GRDB + FTS5), search and ranking. No HTTP types.
        .target(
            name: "EyecrestEngine",
            dependencies: [
                "EyecrestMarkdown",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The HTTP API (docs/api.md) over the engine: routes, validation, error mapping,
        // OpenAPI document, metrics. No SQL.
        .target(
            name: "EyecrestServer",
            dependencies: [
                // Archive imports: gzip streams and fetching archives over HTTP(S).
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // Byte buffers and deadlines; the blocking thread pool that resolves import hosts.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // Connection timeouts watch the HTTP/1 parts (Limits/ConnectionWatchers.swift).
                .product(name: "NIOHTTP1", package: "swift-nio"),
                "EyecrestAPI",
                "EyecrestCluster",
                "EyecrestEngine",
                "EyecrestMarkdown",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "MCP", package: "swift-sdk"),
            ],
            // The search page at `/`: HTML, CSS and JS served as they are.
            resources: [.copy("WebUI")]
        ),
        // Regions: membership and placement in etcd (its v3 JSON gateway), the cluster key,
        // log shipping and snapshots between nodes, and which node answers a request
        // (docs/cluster.md). No public-API routes.
        .target(
            name: "EyecrestCluster",
            dependencies: [
                "EyecrestAPI",
                "EyecrestEngine",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // A Swift SDK for the HTTP API over the API's own types (re-exported): no server or engine code.
        .target(
            name: "EyecrestClient",
            dependencies: [
                "EyecrestAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "eyecrest",
            dependencies: [
                "EyecrestMarkdown",
                "EyecrestEngine",
                "EyecrestServer",
                "EyecrestClient",
                "EyecrestCluster",
                "EyecrestAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .testTarget(name: "EyecrestMarkdownTests", dependencies: ["EyecrestMarkdown"]),
        .testTarget(
            name: "EyecrestEngineTests",
            dependencies: ["EyecrestEngine", "EyecrestMarkdown", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "EyecrestServerTests",
            dependencies: [
                "EyecrestAPI",
                "EyecrestMarkdown",
                "EyecrestEngine",
                "EyecrestServer",
                "EyecrestClient",
                "EyecrestCluster",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
