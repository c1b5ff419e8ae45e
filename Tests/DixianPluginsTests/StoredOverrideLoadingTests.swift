import DixianCore
import Foundation
import Testing

@testable import DixianPlugins

/// Overrides kept in PostgreSQL go through exactly the loader's checks, errors placed inside their text; a file
/// for the same plugin takes precedence.
@Suite("Stored overrides in the plugin loader")
struct StoredOverrideLoadingTests {
    static func stored(_ text: String, version: Int = 3) -> StoredOverride {
        StoredOverride(pluginID: "employment", version: version, text: text)
    }

    @Test("a stored override applies like a file, and the plugin says which version")
    func applies() throws {
        let fixture = try PluginFixture()
        let result = PluginLoader.validate(
            pluginsDirectory: fixture.plugins, overridesDirectory: fixture.overrides,
            storedOverrides: [Self.stored("format_version: 1\nparameters:\n  employment_data_day: 5\n")])
        let plugin = try #require(result.set?.plugin(id: "employment"), "\(result.errors)")
        #expect(plugin.overrideVersion == 3 && plugin.overrideFile == nil)
        #expect(plugin.parameter(named: "employment_data_day")?.isOverridden == true)
        #expect(plugin.duty(id: "employment_data_update")?.recurrence == .monthly(DayOfMonth(5)!))
    }

    @Test("out of range: the same message as for a file, at line and column inside the stored text")
    func errorInsideTheText() throws {
        let fixture = try PluginFixture()
        let result = PluginLoader.validate(
            pluginsDirectory: fixture.plugins, overridesDirectory: fixture.overrides,
            storedOverrides: [Self.stored("format_version: 1\nparameters:\n  employment_data_day: 12\n")])
        #expect(result.set == nil)
        #expect(result.errorPositions(relativeTo: fixture.root) == ["数据库覆盖配置 employment v3:3:24"])
        #expect(result.errors.first?.message == "取值 12 大于最大值 10 (above max)")
    }

    @Test("a file for the same plugin wins: the stored text is not even read")
    func fileWins() throws {
        let fixture = try PluginFixture()
        try fixture.writeOverride("employment", "format_version: 1\nparameters:\n  employment_data_day: 6\n")
        let result = PluginLoader.validate(
            pluginsDirectory: fixture.plugins, overridesDirectory: fixture.overrides,
            storedOverrides: [Self.stored("this is: [not yaml")])
        let plugin = try #require(result.set?.plugin(id: "employment"), "\(result.errors)")
        #expect(plugin.overrideFile == fixture.overrides + "/employment.yaml" && plugin.overrideVersion == nil)
        #expect(plugin.duty(id: "employment_data_update")?.recurrence == .monthly(DayOfMonth(6)!))
    }

    @Test("a stored override for a plugin that is gone fails the load, naming it")
    func unknownPlugin() throws {
        let fixture = try PluginFixture()
        let result = PluginLoader.validate(
            pluginsDirectory: fixture.plugins, overridesDirectory: fixture.overrides,
            storedOverrides: [StoredOverride(pluginID: "forestry", version: 1, text: "format_version: 1\n")])
        #expect(result.set == nil)
        #expect(result.errors.first?.file == "数据库覆盖配置 forestry v1", "\(result.errors)")
    }
}
