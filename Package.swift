// swift-tools-version:6.1
import PackageDescription

// The upcoming features Hummingbird and swift-log enable on every target.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let yams = Target.Dependency.product(name: "Yams", package: "Yams")
let mustache = Target.Dependency.product(name: "Mustache", package: "swift-mustache")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")

let package = Package(
    name: "swiftml",
    platforms: [.macOS(.v15)],  // Synchronization (Atomic, Mutex) needs macOS 15
    products: [
        .executable(name: "swiftml", targets: ["swiftml"]),
        .library(name: "MLData", targets: ["MLData"]),
        .library(name: "MLLearn", targets: ["MLLearn"]),
        .library(name: "MLPlot", targets: ["MLPlot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // MARK: - System libraries (through pkg-config)
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .systemLibrary(
            name: "CLAPACK",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"]), .brew(["openblas"])]
        ),

        // MARK: - Engine: plain Swift libraries, no notebook or HTML concerns
        .target(name: "MLData", swiftSettings: strict),
        // SQLite through GRDB, kept apart so the core data module has no dependencies.
        .target(name: "MLDataSQLite", dependencies: ["MLData", grdb], swiftSettings: strict),
        .target(name: "MLLearn", dependencies: ["MLData", "CLAPACK"], swiftSettings: strict),
        .target(name: "MLPlot", swiftSettings: strict),

        // MARK: - Documents
        .target(name: "CommonMark", dependencies: ["CCmark"], swiftSettings: strict),
        .target(
            name: "Notebook",
            dependencies: ["CommonMark", "MLData", "MLDataSQLite", "MLLearn", "MLPlot", yams, crypto],
            swiftSettings: strict
        ),
        .target(name: "Report", dependencies: ["CommonMark", "Notebook", "MLPlot", mustache], swiftSettings: strict),
        // Every render's parameters, data hashes and scores, in SQLite through GRDB.
        .target(name: "RunRegistry", dependencies: ["Notebook", grdb], swiftSettings: strict),
        // `swiftml preview`: the report over HTTP on 127.0.0.1 (Hummingbird), re-rendered on save.
        .target(name: "Preview", dependencies: ["Notebook", "Report", hummingbird], swiftSettings: strict),

        // MARK: - Command line: argument parsing, file I/O and exit codes
        .executableTarget(
            name: "swiftml",
            dependencies: [
                "Notebook", "Report", "RunRegistry", "Preview", "MLData", "MLLearn", argumentParser, hummingbird, logging,
            ],
            swiftSettings: strict
        ),

        // MARK: - Benchmarks (run by benchmarks/bench.py, side by side with pandas, matplotlib and scikit-learn)
        .executableTarget(name: "swiftml-bench", dependencies: ["MLData", "MLLearn", "MLPlot"], swiftSettings: strict),

        // MARK: - Tests
        .testTarget(name: "MLDataTests", dependencies: ["MLData"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(
            name: "MLDataSQLiteTests", dependencies: ["MLDataSQLite", "MLData"], exclude: ["Fixtures"],
            swiftSettings: strict),
        .testTarget(
            name: "MLLearnTests", dependencies: ["MLLearn", "MLData"], exclude: ["Reference"], swiftSettings: strict),
        .testTarget(name: "MLPlotTests", dependencies: ["MLPlot"], exclude: ["Goldens"], swiftSettings: strict),
        .testTarget(name: "RunRegistryTests", dependencies: ["RunRegistry", "Notebook"], swiftSettings: strict),
        .testTarget(
            name: "PreviewTests", dependencies: ["Preview", "Notebook", "Report", hummingbird], swiftSettings: strict),
        .testTarget(
            name: "NotebookTests", dependencies: ["Notebook", "CommonMark", "MLData", "MLLearn"], swiftSettings: strict),
        .testTarget(
            name: "ReportTests",
            dependencies: ["Report", "Notebook"],
            exclude: ["Goldens", "Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["swiftml"], exclude: ["Fixtures"], swiftSettings: strict),
    ]
)
