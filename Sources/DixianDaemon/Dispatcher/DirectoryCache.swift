import DixianDirectory
import DixianPlugins
import DixianScheduling
import DixianStore
import Foundation

/// The org directory as the composer needs it (units and officials by key), reloaded only when the
/// directory changed: thousands of messages a minute must not each read the directory.
actor DirectoryCache {
    /// How often the directory's stamp is checked.
    static let checkInterval: TimeInterval = 30

    struct Snapshot: Sendable {
        var units: [DivisionCode: OrgUnit] = [:]
        var officials: [String: Official] = [:]
        /// The planner's own role resolution, so a message names the holders the planner addressed.
        let index: DirectoryIndex

        init(units: [OrgUnit] = [], officials: [Official] = []) {
            for unit in units { self.units[unit.code] = unit }
            for official in officials { self.officials[official.id] = official }
            self.index = DirectoryIndex(units: units, officials: officials)
        }

        /// `XX县七家镇`-style full name: the county and the levels below it.
        func fullName(of code: DivisionCode) -> String {
            var names: [String] = []
            var current: DivisionCode? = code
            while let unit = current.flatMap({ units[$0] }) {
                names.append(unit.name)
                if unit.level == .county { break }
                current = unit.parentCode
            }
            return names.reversed().joined()
        }

        /// The active officials holding `role` for an occurrence of a `sector` duty at `unit`.
        func holders(of role: Role, at unit: DivisionCode, sector: String) -> [Official] {
            index.resolve(role, from: unit, sector: sector).compactMap { officials[$0] }
        }
    }

    private let schedule: ScheduleStore
    private let directory: DirectoryStore
    private var snapshot: Snapshot?
    private var stamp: String?
    private var checkedAt: Date = .distantPast

    init(schedule: ScheduleStore, directory: DirectoryStore) {
        self.schedule = schedule
        self.directory = directory
    }

    func current() async throws -> Snapshot {
        let now = Date()
        if let snapshot, now.timeIntervalSince(checkedAt) < Self.checkInterval { return snapshot }
        let latest = try await schedule.directoryStamp()
        checkedAt = now
        if let snapshot, latest == stamp { return snapshot }
        let fresh = Snapshot(units: try await directory.units(), officials: try await directory.officials())
        snapshot = fresh
        stamp = latest
        return fresh
    }
}
