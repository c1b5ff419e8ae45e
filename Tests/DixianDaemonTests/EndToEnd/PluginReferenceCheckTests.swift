import DixianTestSupport
import Foundation
import Testing

/// `scripts/plugin-reference-check.py`, the independent Python reading of the plugin format, agrees with the
/// loader: the shipped tree passes both, and a tree the loader refuses is refused by the reference too.
@Suite("The Python plugin reference agrees with the loader", .serialized,
       .enabled(if: RequiredTools.enabled(PythonInterpreter.url != nil), "needs python3 with pyyaml and jsonschema"))
struct PluginReferenceCheckTests {
    /// A copy of the shipped plugins with `old` replaced by `new` in `plugin`'s manifest.
    static func brokenCopy(_ plugin: String, replacing old: String, with new: String) throws -> String {
        let work = try makeWorkDirectory("reference")
        try FileManager.default.copyItem(atPath: DixianBinary.packageRoot + "/plugins", toPath: work + "/plugins")
        let path = "\(work)/plugins/\(plugin)/plugin.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        return work + "/plugins"
    }

    @Test("the shipped plugins and the example override pass both")
    func shippedTreePasses() async throws {
        let root = DixianBinary.packageRoot
        let result = try await PluginReference.check(root + "/plugins", override: root + "/config/plugins/examples/employment.yaml")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("0 error(s), 0 warning(s)"), "\(result.output)")
        let loader = try await CommandResult.run(["plugins", "validate", root + "/plugins"])
        #expect(loader.status == 0, "\(loader.output)\(loader.errorOutput)")
    }

    @Test("a tree the loader refuses, the reference refuses too", arguments: [
        ("governance", "    on_behalf_of: county_party_secretary\n", "    on_behalf_of: county_party_secretry\n"),
        ("governance", "    title: 党组织书记\n", "    title: {社区: 社区党组织书记}\n"),
        ("water", "    owner: {role: town_working_group}\n", "    owner: {role: town_workinggroup}\n"),
        ("water", "    local_setting: 日期和频次", "    local_settings: 日期和频次"),
    ])
    func brokenTreesRefusedByBoth(plugin: String, old: String, new: String) async throws {
        let plugins = try Self.brokenCopy(plugin, replacing: old, with: new)
        let reference = try await PluginReference.check(plugins)
        #expect(reference.status != 0, "the reference accepted it:\n\(reference.output)")
        let loader = try await CommandResult.run(["plugins", "validate", plugins])
        #expect(loader.status != 0, "the loader accepted it:\n\(loader.output)")
    }
}
