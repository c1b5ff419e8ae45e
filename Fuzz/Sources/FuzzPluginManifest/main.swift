import DixianCore
import DixianPlugins
import Foundation
import LibFuzzerDriver

/// Writes the input as a plugin manifest (`fuzz/plugin.yaml`) and, when it starts with `#override`, as a bureau
/// override of the shipped-like plugin, then validates the tree as `dixian plugins check` does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let isOverride = bytes.starts(with: Array("#override".utf8))
    try? FileManager.default.removeItem(atPath: workspace.overrides + "/fuzz.yaml")
    if isOverride {
        try? bytes.write(to: URL(fileURLWithPath: workspace.overrides + "/fuzz.yaml"))
        try? Data(Workspace.seedManifest.utf8).write(to: URL(fileURLWithPath: workspace.plugins + "/fuzz/plugin.yaml"))
    } else {
        try? bytes.write(to: URL(fileURLWithPath: workspace.plugins + "/fuzz/plugin.yaml"))
    }
    let result = PluginLoader.validate(pluginsDirectory: workspace.plugins, overridesDirectory: workspace.overrides)
    for diagnostic in result.diagnostics {
        precondition(diagnostic.line >= 1 && diagnostic.column >= 1, "diagnostic without a position")
        _ = diagnostic.description
    }
    return 0
}

/// A private temporary tree: `plugins/fuzz/plugin.yaml` and `overrides/`.
let workspace = Workspace()

struct Workspace {
    let plugins: String
    let overrides: String

    init() {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dixian-fuzz-\(getpid())").path
        plugins = root + "/plugins"
        overrides = root + "/overrides"
        try? FileManager.default.createDirectory(atPath: plugins + "/fuzz", withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(atPath: overrides, withIntermediateDirectories: true)
        try? Data(Self.seedManifest.utf8).write(to: URL(fileURLWithPath: plugins + "/fuzz/plugin.yaml"))
    }

    static let seedManifest = "# yaml-language-server: $schema=../plugin.schema.json\nformat_version: 1\nid: fuzz\n"
}

/// The entry point SwiftPM makes `main` on Linux: libFuzzer's driver over ``fuzz(_:_:)``.
@_cdecl("FuzzPluginManifest_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var argc = argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
