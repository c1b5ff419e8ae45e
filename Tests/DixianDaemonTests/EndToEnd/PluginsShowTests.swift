import DixianTestSupport
import Foundation
import Testing

/// `dixian plugins show`: the marks a county needs before it goes live (issue 16).
@Suite("dixian plugins show, end to end")
struct PluginsShowTests {
    /// A configuration with the shipped plugins and `plugins.d/<plugin>.yaml` holding `override`.
    static func configuration(_ prefix: String, plugin: String, override: String?) throws -> String {
        let work = try makeWorkDirectory(prefix)
        try FileManager.default.createDirectory(atPath: work + "/plugins.d", withIntermediateDirectories: true)
        try "plugins:\n  dir: \(DixianBinary.packageRoot)/plugins\n"
            .write(toFile: work + "/dixian.yaml", atomically: true, encoding: .utf8)
        if let override {
            try ("format_version: 1\n" + override).write(toFile: "\(work)/plugins.d/\(plugin).yaml", atomically: true, encoding: .utf8)
        }
        return work + "/dixian.yaml"
    }

    /// The duty ids with a `local_setting` in a shipped plugin, read from its JSON form.
    static func locallySetDuties(_ plugin: String, config: String) async throws -> [String] {
        let json = try await CommandResult.run(["plugins", "show", plugin, "--format", "json", "--config", config])
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        let duties = object?["duties"] as? [[String: Any]] ?? []
        return duties.filter { $0["local_setting"] != nil }.compactMap { $0["id"] as? String }
    }

    @Test("every duty whose timing the county sets is marked 本地设定, in the table and in the notes", arguments: [
        "governance", "education", "health", "housing", "water", "employment", "credit",
    ])
    func localSettingsMarked(plugin: String) async throws {
        let config = try Self.configuration("show-local", plugin: plugin, override: nil)
        let local = try await Self.locallySetDuties(plugin, config: config)
        #expect(!local.isEmpty, "each shipped plugin has invented frequencies to mark")
        let table = try await CommandResult.run(["plugins", "show", plugin, "--config", config])
        #expect(table.status == 0, "\(table.errorOutput)")
        let rows = table.output.split(separator: "\n")
        for id in local {
            #expect(rows.contains { $0.hasPrefix(id + " ") && $0.contains("〔本地设定〕") }, "\(id) not marked:\n\(table.output)")
            #expect(rows.contains { $0.hasPrefix("  \(id): ") }, "\(id) has no note:\n\(table.output)")
        }
        let marked = rows.filter { $0.contains("〔本地设定〕") }.count
        #expect(marked == local.count, "only those duties are marked")
    }

    @Test("the county's own document from its override is listed, per duty over per plugin")
    func basisFromOverride() async throws {
        let config = try Self.configuration("show-basis", plugin: "water", override: """
            basis: {title: 岚川县农村饮水安全保障实施方案, number: 岚水发〔2026〕8号}
            duties:
              door_to_door_screening:
                basis: {title: 关于开展饮水安全敲门入户大排查的通知}
            """)
        let table = try await CommandResult.run(["plugins", "show", "water", "--config", config])
        #expect(table.status == 0, "\(table.errorOutput)")
        #expect(table.output.contains("  door_to_door_screening: 《关于开展饮水安全敲门入户大排查的通知》"), "\(table.output)")
        #expect(table.output.contains("  water_quality_test: 《岚川县农村饮水安全保障实施方案》（岚水发〔2026〕8号）"), "\(table.output)")
    }

    @Test("a basis without a title is refused with its line, and nothing is listed")
    func basisNeedsTitle() async throws {
        let config = try Self.configuration("show-basis-bad", plugin: "water", override: "basis: {number: 岚水发〔2026〕8号}\n")
        let result = try await CommandResult.run(["plugins", "show", "water", "--config", config])
        #expect(result.status != 0)
        #expect(result.errorOutput.contains("water.yaml:2"), "\(result.errorOutput)")
        #expect(result.errorOutput.contains("title"), "\(result.errorOutput)")
    }
}
