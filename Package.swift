// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "eyecrest",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "EyecrestEngine", targets: ["EyecrestEngine"]),
        .library(name: "EyecrestMarkdown", targets: ["EyecrestMarkdown"]),
        .executable(name: "eyecrest", targets: ["eyecrest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
    ],
    targets: [
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
        .executableTarget(
            name: "eyecrest",
            dependencies: [
                "EyecrestEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "EyecrestMarkdownTests", dependencies: ["EyecrestMarkdown"]),
        .testTarget(name: "EyecrestEngineTests", dependencies: ["EyecrestEngine"]),
    ],
    swiftLanguageModes: [.v6]
)
