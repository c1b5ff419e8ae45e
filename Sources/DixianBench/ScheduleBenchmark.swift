import DixianDaemon
import DixianCore
import DixianDirectory
import DixianScheduling
import DixianStore
import Foundation
import Logging
import PostgresNIO

/// `dixian bench schedule`: how the scheduler copes with a province (≥ 20,000 villages, all plugins).
///
/// Two measurements: the pure planner over the whole province for one calendar year (occurrences per
/// second), and real planning ticks against a private throw-away PostgreSQL on a subset of the province
/// (a first tick that writes everything, and a second that finds nothing changed).
public struct ScheduleBenchmark: Sendable {
    /// Figures of one run.
    public struct Figures: Sendable {
        public var units = 0
        public var villages = 0
        public var officials = 0
        public var yearOccurrences = 0
        public var yearNotifications = 0
        public var yearSeconds = 0.0
        public var horizonOccurrences = 0
        public var horizonNotifications = 0
        public var horizonPlanSeconds = 0.0
        public var tickVillages = 0
        public var firstTickSeconds = 0.0
        public var firstTickRows = 0
        public var unchangedTickSeconds = 0.0
        /// A new process's first tick with the same inputs: configuration, plugins and calendar loaded anew.
        public var restartTickSeconds = 0.0
        public var restartTickSkipped = false
        /// `psql \copy` of the first tick's rows into plain tables with only the key, rows/s.
        public var copyPlainRowsPerSecond = 0.0
        /// … into copies of the tables with every index, check and foreign key, rows/s.
        public var copySchemaRowsPerSecond = 0.0
        /// Why the `psql \copy` peer was not measured (psql missing, or its load failed); nil when it was.
        public var copyPeerProblem: String?
        /// This process's peak resident set after planning the year and the horizon (synthetic province included).
        public var planningPeakResidentBytes = 0
        /// … and after the database ticks.
        public var peakResidentBytes = 0
    }

    let running: RunningConfiguration
    let logger: Logger

    public init(running: RunningConfiguration, logger: Logger) {
        self.running = running
        self.logger = logger
    }

    var context: ScheduleContext {
        running.configuration.scheduleContext(calendar: running.calendar)
    }

    /// The pure planner over `villages` villages: one year from `year`-01-01, and the default horizon from `now`.
    public func planPure(villages: Int, year: Int, now: Date, progress: (String) -> Void) -> Figures {
        var figures = Figures()
        let province = SyntheticProvince.generate(villages: villages, roles: running.roleCatalogue)
        figures.units = province.units.count
        figures.villages = province.units.filter { $0.level == .village }.count
        figures.officials = province.officials.count
        progress("生成省级目录 (synthetic province): \(figures.units) 个单位, \(figures.villages) 个村, \(figures.officials) 名干部")
        let planner = SchedulePlanner(
            plugins: running.plugins, directory: DirectoryIndex(units: province.units, officials: province.officials), context: context)
        let start = LocalDateTime(date: CalendarDate(year: year, month: 1, day: 1)!, time: TimeOfDay(hour: 0, minute: 0)!)
            .instant(in: context.zone)
        var clock = ContinuousClock.now
        (figures.yearOccurrences, figures.yearNotifications) = Self.count(
            planner.slices(from: start, through: CalendarDate(year: year, month: 12, day: 31)!))
        figures.yearSeconds = Self.seconds(since: clock)
        clock = ContinuousClock.now
        (figures.horizonOccurrences, figures.horizonNotifications) = Self.count(
            planner.slices(from: now, through: SchedulePlanner.horizonEnd(after: now, zone: context.zone)))
        figures.horizonPlanSeconds = Self.seconds(since: clock)
        figures.planningPeakResidentBytes = ProcessMemory.peakResidentBytes()
        return figures
    }

    /// Real ticks on a private PostgreSQL in `stateDirectory` holding `villages` villages: the first, an
    /// unchanged one, and the first tick of a restart, which plans from `reload()`'s freshly loaded inputs.
    public func tickOnDatabase(
        villages: Int, now: Date, stateDirectory: String, reload: @escaping @Sendable () throws -> RunningConfiguration,
        into figures: inout Figures
    ) async throws {
        let province = SyntheticProvince.generate(villages: villages, roles: running.roleCatalogue)
        var configuration = running.configuration
        configuration.stateDirectory = stateDirectory
        configuration.database.url = nil
        let running = self.running
        let logger = self.logger
        let result = try await DatabaseSession.withClient(configuration: configuration, logger: logger) { client, endpoint in
            try await Migrator().migrate(client: client, logger: logger)
            let directory = DirectoryStore(client: client, logger: logger)
            for (csv, kind) in [(DirectoryCSV.units(province.units), DirectoryFileKind.units),
                                (DirectoryCSV.officials(province.officials, units: province.units), .officials)] {
                let report = try await directory.importFile(Array(csv.utf8), kind: kind, roles: running.roleCatalogue)
                guard report.applied else { throw StoreError(.scheduleFailed, "基准目录导入失败 (benchmark import failed): \(report.summary)") }
            }
            // As the leader does before its ticks: each month's rows go into their own partition.
            _ = try await MonthlyPartitions(client: client, logger: logger).prepareForPlanning(around: now)
            let tick = PlanningTick(client: client, logger: logger)
            let first = try await tick.run(running, now: now)
            let second = try await tick.run(running, now: now.addingTimeInterval(60))
            let restarted = try await PlanningTick(client: client, logger: logger).run(try reload(), now: now.addingTimeInterval(120))
            // The peer is a comparison, not the bench: without psql the tick figures still stand.
            let peer = Result {
                try TickCopyPeer(psql: PsqlCopy(endpoint: endpoint), directory: stateDirectory)
                    .measure(rows: first.application.occurrencesAdded + first.application.notificationsAdded)
            }
            return (first, second, restarted, peer)
        }
        switch result.3 {
        case .success(let peer):
            (figures.copyPlainRowsPerSecond, figures.copySchemaRowsPerSecond) = (peer.plain.rowsPerSecond, peer.schema.rowsPerSecond)
        case .failure(let error):
            figures.copyPeerProblem = "\(error)"
        }
        figures.tickVillages = province.units.filter { $0.level == .village }.count
        figures.firstTickSeconds = Self.seconds(result.0.duration)
        figures.firstTickRows = result.0.application.occurrencesAdded + result.0.application.notificationsAdded
        figures.unchangedTickSeconds = Self.seconds(result.1.duration)
        figures.restartTickSeconds = Self.seconds(result.2.duration)
        figures.restartTickSkipped = result.2.skipped
        figures.peakResidentBytes = ProcessMemory.peakResidentBytes()
    }

    /// Occurrences and messages of a streamed plan, each slice dropped once counted: the planner's peak
    /// memory is what a tick needs, not what a whole province-year would.
    static func count(_ slices: PlanSlices) -> (occurrences: Int, notifications: Int) {
        var slices = slices
        var counts = (occurrences: 0, notifications: 0)
        while let slice = slices.next() {
            counts.occurrences += slice.occurrences.count
            counts.notifications += slice.notifications.count
        }
        return counts
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        seconds(ContinuousClock.now - start)
    }

    static func seconds(_ duration: Duration) -> Double {
        duration.timeInterval
    }
}
