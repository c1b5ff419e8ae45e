import DixianCore
import DixianDirectory
import DixianPlugins
import DixianScheduling
import DixianWeb
import Foundation

/// Everything the daemon runs on that an operator edits: the configuration file and the plugin set
/// (plugins plus bureau overrides). Start-up, SIGHUP reload and `dixian check` load it the same way,
/// so all three accept and reject exactly the same input, and a reload swaps both at once.
public struct RunningConfiguration: Sendable {
    public var loaded: LoadedConfiguration
    public var plugins: PluginSet
    /// The holiday and workday calendar (`schedule.holidays_dir`).
    public var calendar: WorkCalendar
    /// Why the calendar is incomplete (a missing directory), if it is.
    public var calendarWarnings: [Diagnostic] = []
    /// The approved overrides from PostgreSQL the plugin set was loaded with (an override file for the same
    /// plugin takes precedence); kept so that a reload without the database loads the same ones.
    public var storedOverrides: [StoredOverride] = []
    /// The overrides directory read and how many files it held.
    public var overrides: OverridesReport {
        OverridesReport(directory: self.loaded.overridesDirectory, plugins: self.plugins)
    }

    public var configuration: Configuration { self.loaded.configuration }

    /// Configuration, plugin and calendar warnings, for `dixian check` and the log.
    public var warnings: [Diagnostic] { self.loaded.warnings + self.plugins.warnings + self.calendarWarnings }

    /// The one line `dixian check` prints on success.
    public func summary() -> String {
        let years = self.calendar.covered.map(String.init).joined(separator: ", ")
        return self.loaded.summary() + " · " + self.plugins.summary() + " · 节假日日历 (holidays) " + (years.isEmpty ? "无 (none)" : years)
    }

    /// The roles the plugins declare, in the form the directory importer checks rows against.
    public var roleCatalogue: RoleCatalogue { self.plugins.roleCatalogue }
}

extension PluginSet {
    /// The stored override version each plugin runs (plugin id → version), for `/readyz`.
    public var storedOverrideVersions: [String: Int] {
        Dictionary(uniqueKeysWithValues: plugins.compactMap { plugin in plugin.overrideVersion.map { (plugin.id, $0) } })
    }

    /// The declared roles (with level and per-sector flag) and the sectors (plugin ids), as the
    /// org-directory importer validates rows against them.
    public var roleCatalogue: RoleCatalogue {
        RoleCatalogue(
            roles: self.roles.map { role in
                DirectoryRole(
                    id: role.id, name: role.name,
                    level: OrgLevel(rawValue: role.level.rawValue), perSector: role.isPerSector
                )
            },
            sectors: Set(self.plugins.map(\.id))
        )
    }
}

extension LoadedConfiguration {
    /// The plugin set the configuration names: `plugins.dir` with the bureau overrides of
    /// ``overridesDirectory`` and `storedOverrides` (a file wins), duties checked against the configured channels.
    public func loadPlugins(storedOverrides: [StoredOverride] = []) throws(PluginLoadError) -> PluginSet {
        try PluginLoader.load(
            pluginsDirectory: self.configuration.plugins.directory, overridesDirectory: self.overridesDirectory,
            storedOverrides: storedOverrides, channels: Set(self.configuration.channels.keys))
    }
}

extension DaemonOptions {
    /// Loads the configuration, then the plugins it names (`plugins.dir`, overrides in
    /// ``LoadedConfiguration/overridesDirectory`` and the approved `storedOverrides`). Plugin errors come back as
    /// configuration diagnostics, each with its file:line:column (a stored override's line and column are inside
    /// its text), so every caller reports both kinds alike.
    public func loadRunningConfiguration(storedOverrides: [StoredOverride] = []) throws(ConfigurationError) -> RunningConfiguration {
        let loaded = try self.loadConfiguration()
        let plugins: PluginSet
        do {
            plugins = try loaded.loadPlugins(storedOverrides: storedOverrides)
        } catch {
            throw ConfigurationError(diagnostics: error.diagnostics.filter { $0.severity == .error })
        }
        let problems = loaded.problems(with: plugins)
        guard problems.isEmpty else { throw ConfigurationError(diagnostics: problems) }
        let (calendar, calendarWarnings) = try Self.loadCalendar(loaded.configuration.schedule.holidaysDirectory)
        return RunningConfiguration(
            loaded: loaded, plugins: plugins, calendar: calendar, calendarWarnings: calendarWarnings, storedOverrides: storedOverrides)
    }

    /// The holiday calendar; a missing directory is a warning (plain weekends), a broken file an error.
    static func loadCalendar(_ directory: String) throws(ConfigurationError) -> (WorkCalendar, [Diagnostic]) {
        guard FileManager.default.fileExists(atPath: directory) else {
            let warning = Diagnostic(
                at: Diagnostic.Location(file: directory), severity: .warning,
                message: "节假日目录不存在,按普通周末计算工作日 (holidays directory missing: plain weekends)",
                hint: "schedule.holidays_dir")
            return (.plainWeekends, [warning])
        }
        do {
            return (try HolidayCalendarLoader.load(directory: directory), [])
        } catch {
            throw ConfigurationError(diagnostics: error.diagnostics)
        }
    }
}

extension RunningConfiguration {
    /// What the HTTP routes read of it.
    public var webSettings: WebSettings {
        WebSettings(plugins: plugins, timeZone: configuration.zone)
    }
}
