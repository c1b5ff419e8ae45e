// swift-tools-version:6.0
import PackageDescription

/// libFuzzer fuzzers over dixian's parsers, kept out of the main package so that its build stays as it is.
/// Built and run by `scripts/fuzz` (`swift build -Xswiftc -sanitize=fuzzer,address`); each fuzzer is an
/// executable whose main file defines `LLVMFuzzerTestOneInput`. Seed corpora: `Corpus/<fuzzer>/`.
let fuzzerSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

/// One fuzzer: an executable target `Sources/<name>/`, depending on main-package products.
///
/// Its `main.swift` defines `LLVMFuzzerTestOneInput`, and `<name>_main`, the entry point SwiftPM links an
/// executable's `main` to on Linux, which hands over to libFuzzer's driver (``LibFuzzerDriver``).
func fuzzer(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["LibFuzzerDriver"] + products.map { .product(name: $0, package: "dixian") },
        swiftSettings: fuzzerSettings
    )
}

let package = Package(
    name: "dixian-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "dixian", path: ".."),
        // The reference FuzzMustache compares dixian's typed renderer with: the same package the main one uses.
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        .target(name: "LibFuzzerDriver"),
        fuzzer("FuzzYAML", ["DixianCore", "DixianYAML"]),
        fuzzer("FuzzPluginManifest", ["DixianCore", "DixianPlugins"]),
        fuzzer("FuzzOverrideEditor", ["DixianCore", "DixianPlugins"]),
        fuzzer("FuzzRRULE", ["DixianCore"]),
        fuzzer("FuzzDirectoryCSV", ["DixianDirectory"]),
        fuzzer("FuzzSMTPReply", ["DixianNotify"]),
        fuzzer("FuzzMemoryMapping", ["DixianCore"]),
        .executableTarget(
            name: "FuzzMustache",
            dependencies: [
                "LibFuzzerDriver", .product(name: "DixianMustache", package: "dixian"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: fuzzerSettings
        ),
        fuzzer("FuzzMIME", ["DixianNotify"]),
        fuzzer("FuzzConfirmationForm", ["DixianLinks"]),
        fuzzer("FuzzActionLink", ["DixianLinks"]),
        fuzzer("FuzzSelfDeclarationForm", ["DixianLinks"]),
        fuzzer("FuzzProcedureForm", ["DixianLinks"]),
        fuzzer("FuzzMultipartForm", ["DixianLinks"]),
        fuzzer("FuzzRuleCondition", ["DixianCore", "DixianScreening"]),
        fuzzer("FuzzTabularCSV", ["DixianTabular"]),
        fuzzer("FuzzTabularXLSX", ["DixianTabular"]),
        fuzzer("FuzzLedgerSheet", ["DixianReports"]),
    ]
)
