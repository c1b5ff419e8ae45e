import DixianCore
import DixianDirectory
import DixianReports
import DixianStore
import Foundation
import Logging
import PostgresNIO

/// Builds the 周报, 月报 and 季报 from the store, named by the plugins (duty titles, sectors) and the directory
/// (the unit in the title).
public struct ReportDesk: Sendable {
    let client: PostgresClient
    let running: RunningConfiguration
    let clock: any WallClock
    let logger: Logger

    public init(client: PostgresClient, running: RunningConfiguration, logger: Logger, clock: any WallClock = SystemWallClock()) {
        self.client = client
        self.running = running
        self.clock = clock
        self.logger = logger
    }

    public var today: CalendarDate { clock.now().localDate(in: running.configuration.zone) }

    /// The report of `period` for `unit`'s subtree (nil: the whole county).
    public func report(_ period: ReportPeriod, unit: DivisionCode?) async throws -> PeriodReport {
        try await report(period, unit: unit, unitName: try await unitName(unit))
    }

    func report(_ period: ReportPeriod, unit: DivisionCode?, unitName: String) async throws -> PeriodReport {
        let plugins = running.plugins
        let names: @Sendable (String) -> (title: String, sector: String) = { dutyID in
            let plugin = plugins.plugin(id: String(dutyID.prefix { $0 != "." }))
            return (plugins.duty(qualifiedID: dutyID)?.title ?? dutyID, plugin?.name ?? dutyID)
        }
        let inputs = try await ReportStore(client: client, logger: logger).inputs(
            period: period, unit: unit, now: clock.now(), zone: running.configuration.zone, names: names)
        return PeriodReport(period: period, unitName: unitName, generatedOn: today, inputs: inputs)
    }

    /// The unit a title names: the one asked for, else the county.
    func unitName(_ unit: DivisionCode?) async throws -> String {
        let directory = DirectoryStore(client: client, logger: logger)
        guard let unit else { return try await directory.homeUnitName() }
        guard let found = try await directory.unit(unit) else { throw DeskRefusal("组织目录中没有单位 \(unit.rawValue) (unknown unit)") }
        return found.name
    }

    /// The weekly bulletin of ISO week `week` (每周通报): the week, the week before, and what is outstanding in
    /// the year up to the week's end.
    public func bulletin(_ week: ReportPeriod, unit: DivisionCode?) async throws -> WeeklyBulletin {
        let yearStart = CalendarDate(year: week.last.year, month: 1, day: 1)!
        let outstanding = ReportPeriod(kind: .weekly, first: yearStart, last: week.last)
        let name = try await unitName(unit)
        return WeeklyBulletin(
            week: try await report(week, unit: unit, unitName: name), lastWeek: try await report(week.previous, unit: unit, unitName: name),
            outstanding: try await report(outstanding, unit: unit, unitName: name), weekText: week.chineseDescription)
    }
}
