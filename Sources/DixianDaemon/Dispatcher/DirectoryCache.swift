import DixianDirectory
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

        /// Names of the active holders of `role` at `unit`, joined by `、`.
        func holders(of role: String, at unit: DivisionCode, sector: String?) -> [Official] {
            officials.values
                .filter { $0.active && $0.orgUnitCode == unit && $0.roles.contains(role) && (sector == nil || $0.sector == nil || $0.sector == sector) }
                .sorted { $0.id < $1.id }
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
        var fresh = Snapshot()
        for unit in try await directory.units() { fresh.units[unit.code] = unit }
        for official in try await directory.officials() { fresh.officials[official.id] = official }
        snapshot = fresh
        stamp = latest
        return fresh
    }
}
