import Crypto
import DixianCore
import DixianDatasets
import DixianDirectory
import DixianPlugins
import DixianScreening
import DixianStore
import Foundation
import Logging
import PostgresNIO

/// Imports a bureau's file or the register's (导入): reads and validates it whole, writes it only when every row
/// is valid (or the invalid ones are to be skipped), then screens the rules over that dataset. The CLI, the HTTP
/// API and the demo county all import through this.
public struct DatasetImporter: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public struct Options: Sendable {
        /// `YYYY-MM` for a dataset; the current month when nil.
        public var period: String?
        public var dryRun: Bool
        public var skipInvalid: Bool
        public var sheet: String?
        public var actor: String
        /// `cli`, `http` or `demo`.
        public var channel: String
        /// Months added to every date of a dataset's rows before they are written: the demo county's data are
        /// dated as of a fixed day and moved to the present when loaded, so their rules fire as they did then.
        public var dateShiftMonths = 0

        public init(
            period: String? = nil, dryRun: Bool = false, skipInvalid: Bool = false, sheet: String? = nil,
            actor: String, channel: String
        ) {
            self.period = period
            self.dryRun = dryRun
            self.skipInvalid = skipInvalid
            self.sheet = sheet
            self.actor = actor
            self.channel = channel
        }
    }

    /// A file's bytes and the name it was given.
    public struct File: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// What an import found and did.
    public struct Report: Sendable, Encodable {
        public var target: String
        /// The file name with ID numbers masked.
        public var file: String
        public var period: String?
        public var rowsRead: Int
        public var rowsValid: Int
        public var issueCount: Int
        /// Every issue up to 100, then a summary per column and kind.
        public var issues: [String]
        public var applied: Bool
        public var result: DatasetImportResult?
        public var screening: [ScreeningRunResult] = []

        /// Whether the file was refused: an issue without `--skip-invalid`, or one that no skipping can mend.
        public var refused: Bool { !applied && issueCount > 0 }
    }

    /// Imports one dataset of a plugin.
    public func importDataset(
        _ file: File, plugin pluginID: String, dataset datasetID: String, running: RunningConfiguration, options: Options,
        now: Date = Date(), progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> Report {
        guard let plugin = running.plugins.plugins.first(where: { $0.id == pluginID }),
            let dataset = plugin.datasets.first(where: { $0.id == datasetID })
        else {
            throw ImportError("没有数据集 \(pluginID).\(datasetID) (no such dataset); dixian plugins show \(pluginID) 列出数据集")
        }
        let period = options.period ?? Self.month(of: now, zone: running.configuration.zone)
        let layout = DatasetTableLayout.dataset(dataset, plugin: plugin.id)
        var report: Report
        if options.dryRun {
            let table = ValidatedTable.read(
                file.bytes, dataset: dataset, sheet: options.sheet, knownDivisions: try await knownDivisions(), progress: progress)
            report = Self.report(table, validRows: table.rows.count, file: file, layout: layout, period: period)
        } else {
            report = try await writeWhileReading(file, layout: layout, period: period, options: options, now: now, progress: progress)
        }
        if report.applied {
            report.screening = try await Screener(client: client, logger: logger).run(
                running, selection: .init(target: layout.target), trigger: "import", now: now)
        }
        return report
    }

    /// Imports the register: the households file, the persons file, or both (households first).
    public func importRegister(
        households: File?, persons: File?, running: RunningConfiguration, options: Options, now: Date = Date()
    ) async throws -> [Report] {
        let divisions = try await knownDivisions()
        var householdTable = households.map {
            ValidatedTable.read($0.bytes, dataset: PopulationRegister.households, sheet: options.sheet, knownDivisions: divisions)
        }
        var personTable = persons.map { ValidatedTable.read($0.bytes, dataset: PopulationRegister.persons, sheet: options.sheet) }
        let stored = try await DatasetStore(client: client, logger: logger).registeredHouseholdIDs()
        RegisterCrossCheck.check(households: &householdTable, persons: &personTable, storedHouseholds: stored)
        // Both files or neither: a persons file whose households were refused would point at nothing.
        let anyRefused = [householdTable, personTable].compactMap { $0 }.contains { !$0.issues.isEmpty } && !options.skipInvalid
        var reports: [Report] = []
        for (table, file, kind) in [(householdTable, households, RegisterField.Table.household), (personTable, persons, .person)] {
            guard let table, let file else { continue }
            var options = options
            if anyRefused { options.dryRun = true }
            var report = try await write(table, file: file, layout: .register(kind), period: nil, options: options, now: now)
            if anyRefused && table.issues.isEmpty { report.issues.append("另一文件有问题，本文件也未导入 (not imported: the other file has issues)") }
            reports.append(report)
        }
        // person. and household. fields feed every rule over a dataset with resident IDs.
        if reports.contains(where: \.applied) {
            let screening = try await Screener(client: client, logger: logger).run(running, trigger: "import", now: now)
            if !reports.isEmpty { reports[reports.count - 1].screening = screening }
        }
        return reports
    }

    /// A sector dataset's file, written while it is read (``DatasetStore/importWhileReading``).
    private func writeWhileReading(
        _ file: File, layout: DatasetTableLayout, period: String, options: Options, now: Date, progress: @escaping @Sendable (Int) -> Void
    ) async throws -> Report {
        let months = options.dateShiftMonths
        var shift: (@Sendable (DatasetRow) -> DatasetRow)?
        if months != 0 { shift = { @Sendable row in Self.shifted(row, months: months) } }
        let divisions = try await knownDivisions()
        let imported = try await DatasetStore(client: client, logger: logger).importWhileReading(
            file.bytes, batch: batch(file, layout: layout, rows: [], period: period, skipped: 0, options: options, now: now),
            sheet: options.sheet, knownDivisions: divisions, skipInvalid: options.skipInvalid, transform: shift, progress: progress)
        var report = Self.report(imported.table, validRows: imported.validRows, file: file, layout: layout, period: period)
        if let result = imported.result { applied(result, to: &report) }
        return report
    }

    /// The register's files, read whole first: households and persons are checked against each other.
    private func write(
        _ table: ValidatedTable, file: File, layout: DatasetTableLayout, period: String?, options: Options, now: Date
    ) async throws -> Report {
        var report = Self.report(table, validRows: table.rows.count, file: file, layout: layout, period: period)
        guard !DatasetStore.isRefused(table, skipInvalid: options.skipInvalid), !options.dryRun else { return report }
        let rows = options.dateShiftMonths == 0 ? table.rows : table.rows.map { Self.shifted($0, months: options.dateShiftMonths) }
        let result = try await DatasetStore(client: client, logger: logger).write(
            batch(file, layout: layout, rows: rows, period: period, skipped: table.rowCount - table.rows.count, options: options, now: now))
        applied(result, to: &report)
        return report
    }

    private static func report(_ table: ValidatedTable, validRows: Int, file: File, layout: DatasetTableLayout, period: String?) -> Report {
        Report(
            target: layout.target, file: PersonalDataMask.maskingIDNumbers(in: file.name), period: period,
            rowsRead: table.rowCount, rowsValid: validRows, issueCount: table.issues.count,
            issues: table.issues.report(), applied: false)
    }

    private func batch(
        _ file: File, layout: DatasetTableLayout, rows: [DatasetRow], period: String?, skipped: Int, options: Options, now: Date
    ) -> DatasetImport {
        DatasetImport(
            layout: layout, rows: rows, period: period, fileName: file.name,
            sha256: SHA256.hash(data: file.bytes).map { String(format: "%02x", $0) }.joined(),
            skippedRows: skipped, actor: options.actor, channel: options.channel, at: now)
    }

    private func applied(_ result: DatasetImportResult, to report: inout Report) {
        report.result = result
        report.applied = true
        logger.info(
            "数据已导入 (data imported)",
            metadata: ["target": "\(report.target)", "rows": "\(result.rows)", "period": "\(report.period ?? "-")"])
    }

    static func shifted(_ row: DatasetRow, months: Int) -> DatasetRow {
        var row = row
        row.values = row.values.map { value in
            guard case .date(let date)? = value else { return value }
            let index = date.year * 12 + (date.month - 1) + months
            let (year, month) = (index / 12, index % 12 + 1)
            return CalendarDate(year: year, month: month, day: min(date.day, CalendarDate.daysIn(month: month, year: year)))
                .map(ScreeningValue.date) ?? value
        }
        return row
    }

    private func knownDivisions() async throws -> Set<String> {
        Set(try await DirectoryStore(client: client, logger: logger).snapshot().unitCodes.map(\.rawValue))
    }

    static func month(of date: Date, zone: TimeZone) -> String {
        let day = date.localDate(in: zone)
        return "\(day.year)-\(day.month < 10 ? "0" : "")\(day.month)"
    }
}

/// A request the importer cannot act on (an unknown dataset, a bad period).
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
