// swift-tools-version:6.0
import PackageDescription

/// The modules, what each owns and the one-way flow between them: docs/ARCHITECTURE.md. Every target names
/// each module it imports (scripts/check-imports.py, run by the test command, fails on a transitive leak).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "dixian",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dixian", targets: ["dixian"]),
        // For the fuzzers of Fuzz/ (a separate package): the modules whose parsers they drive.
        .library(name: "DixianCore", targets: ["DixianCore"]),
        .library(name: "DixianYAML", targets: ["DixianYAML"]),
        .library(name: "DixianScreening", targets: ["DixianScreening"]),
        .library(name: "DixianPlugins", targets: ["DixianPlugins"]),
        .library(name: "DixianDirectory", targets: ["DixianDirectory"]),
        .library(name: "DixianLinks", targets: ["DixianLinks"]),
        .library(name: "DixianNotify", targets: ["DixianNotify"]),
        .library(name: "DixianTabular", targets: ["DixianTabular"]),
        .library(name: "DixianReports", targets: ["DixianReports"]),
        .library(name: "DixianMustache", targets: ["DixianMustache"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(name: "DixianCore", swiftSettings: swiftSettings),
        .target(
            name: "DixianYAML",
            dependencies: ["DixianCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(name: "DixianScreening", dependencies: ["DixianCore"], swiftSettings: swiftSettings),
        .target(name: "DixianMonitoring", dependencies: ["DixianCore"], swiftSettings: swiftSettings),
        .target(name: "DixianReports", dependencies: ["DixianCore", "DixianTabular", "DixianDirectory"], swiftSettings: swiftSettings),
        .target(
            name: "DixianConsole",
            dependencies: [
                "DixianCore", "DixianDirectory", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DixianPlugins",
            dependencies: ["DixianCore", "DixianYAML", "DixianScreening"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DixianDatasets",
            dependencies: ["DixianCore", "DixianPlugins", "DixianScreening", "DixianDirectory", "DixianTabular"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DixianDirectory",
            dependencies: ["DixianCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DixianTabular",
            dependencies: ["DixianCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DixianScheduling",
            dependencies: ["DixianCore", "DixianYAML", "DixianPlugins", "DixianDirectory"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DixianLinks",
            dependencies: ["DixianCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DixianNotify",
            dependencies: [
                "DixianCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DixianDispatch",
            dependencies: [
                "DixianCore", "DixianPlugins", "DixianDirectory", "DixianScheduling", "DixianLinks", "DixianNotify",
                "DixianMustache",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings
        ),
        // Mustache rendered with typed contexts, matching swift-mustache on the subset dixian's templates use.
        .target(name: "DixianMustache", swiftSettings: swiftSettings),
        .target(
            name: "DixianEmbeddedPostgres",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DixianStore",
            dependencies: [
                "DixianConsole",
                "DixianMonitoring",
                "DixianReports",
                "DixianScreening",
                "DixianDatasets",
                "DixianPlugins",
                "DixianCore",
                "DixianDirectory",
                "DixianScheduling",
                "DixianDispatch",
                "DixianEmbeddedPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Migrations"],
            resources: [
                .embedInCode("Migrations/0001_foundation.sql"),
                .embedInCode("Migrations/0002_directory.sql"),
                .embedInCode("Migrations/0003_schedule.sql"),
                .embedInCode("Migrations/0004_notify.sql"),
                .embedInCode("Migrations/0005_unit_classification.sql"),
                .embedInCode("Migrations/0006_screening.sql"),
                .embedInCode("Migrations/0007_monitoring.sql"),
                .embedInCode("Migrations/0008_ledger.sql"),
                .embedInCode("Migrations/0009_console.sql"),
                .embedInCode("Migrations/0010_console_steps.sql"),
                .embedInCode("Migrations/0011_plugin_overrides.sql"),
                .embedInCode("Migrations/0012_instance_overrides.sql"),
                .embedInCode("Migrations/0013_claim_indexes.sql"),
                .embedInCode("Migrations/0014_monthly_partitions.sql"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DixianWeb",
            dependencies: [
                "DixianCore", "DixianPlugins", "DixianDirectory", "DixianScheduling", "DixianLinks", "DixianStore", "DixianMonitoring",
                "DixianReports", "DixianConsole", "DixianTabular",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            resources: [.embedInCode("OpenAPI/openapi.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DixianDaemon",
            dependencies: [
                "DixianCore",
                "DixianYAML",
                "DixianPlugins",
                "DixianDirectory",
                "DixianScheduling",
                "DixianStore",
                "DixianScreening",
                "DixianMonitoring",
                "DixianDatasets",
                "DixianReports",
                "DixianTabular",
                "DixianLinks",
                "DixianDispatch",
                "DixianNotify",
                "DixianWeb",
                "DixianEmbeddedPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmarks, simulation harnesses and synthetic provinces: out of the production modules.
        .target(
            name: "DixianBench",
            dependencies: [
                "DixianCore", "DixianPlugins", "DixianDirectory", "DixianScheduling", "DixianDispatch", "DixianStore",
                "DixianEmbeddedPostgres", "DixianDaemon", "DixianDatasets", "DixianScreening",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "dixian",
            dependencies: [
                "DixianCore",
                "DixianScheduling",
                "DixianLinks",
                "DixianDispatch",
                "DixianNotify",
                "DixianBench",
                "DixianDaemon",
                "DixianWeb",
                "DixianPlugins",
                "DixianDirectory",
                "DixianReports",
                "DixianTabular",
                "DixianDatasets",
                "DixianStore",
                "DixianScreening",
                "DixianMonitoring",
                "DixianEmbeddedPostgres",
                "DixianConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "DixianCoreTests", dependencies: ["DixianCore", "DixianTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "DixianYAMLTests", dependencies: ["DixianYAML", "DixianCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DixianScreeningTests",
            dependencies: [
                "DixianScreening", "DixianCore", "DixianStore", "DixianTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "DixianMonitoringTests", dependencies: ["DixianMonitoring", "DixianCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DixianReportsTests", dependencies: ["DixianReports", "DixianTabular", "DixianCore", "DixianTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "DixianPluginsTests",
            dependencies: ["DixianPlugins", "DixianScreening", "DixianCore", "DixianYAML", "DixianTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DixianDatasetsTests",
            dependencies: ["DixianDatasets", "DixianPlugins", "DixianScreening", "DixianDirectory", "DixianCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "DixianDirectoryTests", dependencies: ["DixianDirectory", "DixianCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DixianTabularTests",
            dependencies: [
                "DixianTabular", "DixianCore", "DixianTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "DixianLinksTests", dependencies: ["DixianLinks", "DixianCore", "DixianTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DixianConsoleTests", dependencies: ["DixianConsole", "DixianDirectory", "DixianCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DixianDispatchTests",
            dependencies: [
                "DixianDispatch", "DixianNotify", "DixianPlugins", "DixianDirectory", "DixianScheduling", "DixianCore",
                "DixianMustache", .product(name: "Mustache", package: "swift-mustache"),
            ],
            // The golden wordings are read from the source tree by path (and rewritten with DIXIAN_UPDATE_GOLDEN), not bundled.
            exclude: ["Rendering/Golden"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DixianMustacheTests",
            dependencies: ["DixianMustache", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DixianNotifyTests",
            dependencies: [
                "DixianNotify", "DixianCore", "DixianTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DixianSchedulingTests",
            dependencies: ["DixianScheduling", "DixianPlugins", "DixianDirectory", "DixianCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DixianEmbeddedPostgresTests",
            dependencies: ["DixianEmbeddedPostgres", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DixianWebTests",
            dependencies: [
                "DixianWeb", "DixianStore", .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Shared by the test targets: a fresh database per test on the server the test command
        // started, and the built `dixian` binary for end-to-end tests.
        .target(
            name: "DixianTestSupport",
            dependencies: [
                "DixianCore", "DixianPlugins", "DixianDirectory", "DixianScheduling", "DixianDispatch", "DixianStore",
                "DixianDaemon",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/DixianTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DixianStoreTests",
            dependencies: [
                "DixianCore", "DixianYAML", "DixianPlugins", "DixianDirectory", "DixianScheduling", "DixianDispatch",
                "DixianStore", "DixianTestSupport", "DixianScreening", "DixianDatasets", "DixianConsole",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DixianDaemonTests",
            dependencies: [
                "DixianCore", "DixianPlugins", "DixianDirectory", "DixianScheduling", "DixianLinks", "DixianDispatch",
                "DixianNotify", "DixianStore", "DixianWeb", "DixianDaemon", "DixianTestSupport", "dixian", "DixianMonitoring",
                "DixianDatasets", "DixianScreening", "DixianConsole",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
