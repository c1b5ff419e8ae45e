import DixianDispatch
import DixianStore
import Foundation

/// The org directory as the composer needs it (units and officials by key), reloaded only when the
/// directory changed: thousands of messages a minute must not each read the directory.
actor DirectoryCache {
    /// How often the directory's stamp is checked.
    static let checkInterval: TimeInterval = 30

    private let schedule: ScheduleStore
    private let directory: DirectoryStore
    private var snapshot: DirectorySnapshot?
    private var stamp: String?
    private var checkedAt: Date = .distantPast

    init(schedule: ScheduleStore, directory: DirectoryStore) {
        self.schedule = schedule
        self.directory = directory
    }

    func current() async throws -> DirectorySnapshot {
        let now = Date()
        if let snapshot, now.timeIntervalSince(checkedAt) < Self.checkInterval { return snapshot }
        let latest = try await schedule.directoryStamp()
        checkedAt = now
        if let snapshot, latest == stamp { return snapshot }
        let fresh = DirectorySnapshot(units: try await directory.units(), officials: try await directory.officials())
        snapshot = fresh
        stamp = latest
        return fresh
    }
}
