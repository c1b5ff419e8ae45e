import Crypto
import DixianCore
import DixianDaemon
import DixianDatasets
import DixianDirectory
import DixianPlugins
import DixianScreening
import DixianStore
import Foundation
import Logging
import PostgresNIO

/// `dixian bench screen`: how sector-data import and screening cope with a county's million persons.
///
/// Two comparisons on a private throw-away PostgreSQL, printed and never asserted: importing a person-level
/// file the way `dixian data import` does (read, validate every cell, COPY into the table in one transaction) against
/// `psql \copy` of the same file into a plain table; and each shipped rule's compiled query against the
/// query an engineer would write by hand, on the same data, which must also find the same rows.
public struct ScreenBenchmark: Sendable {
    /// The import comparison.
    public struct ImportFigures: Sendable {
        public var target = ""
        public var rows = 0
        public var bytes = 0
        /// Read the file, validate every cell, sha256, COPY into the table in one transaction: one import.
        public var dixianSeconds = 0.0
        /// Reading the file and validating every cell, on a thread of its own while the rows are written.
        public var validateSeconds = 0.0
        /// `psql \copy` of the same file into a table of the same columns and key, its own start included.
        public var psqlSeconds = 0.0

        /// dixian over psql in each round, in the order run; the seconds above are the median round's.
        public var roundRatios: [Double] = []

        public var dixianRowsPerSecond: Double { Double(rows) / dixianSeconds }
        public var psqlRowsPerSecond: Double { Double(rows) / psqlSeconds }
        /// dixian's rate over psql's (the goal is ≥ 0.7).
        public var ratio: Double { dixianRowsPerSecond / psqlRowsPerSecond }
    }

    /// One rule's comparison; the times are medians over the repetitions.
    public struct RuleFigures: Sendable {
        /// `plugin.rule`.
        public var rule: String
        /// The rows of the period screened.
        public var rows: Int
        public var compiledMatched: Int
        public var compiledMilliseconds: Double
        /// Nil when the bench has no hand-written query for the rule (a rule added since).
        public var handMatched: Int?
        public var handMilliseconds: Double?

        /// Compiled over hand-written (the goal is ≤ 1.3).
        public var ratio: Double? { handMilliseconds.map { compiledMilliseconds / max($0, 0.001) } }
        /// The two queries disagree: a wrong compilation or a wrong hand-written query, never a timing.
        public var mismatch: Bool { handMatched.map { $0 != compiledMatched } ?? false }
    }

    /// Figures of one run.
    public struct Figures: Sendable {
        public var households = 0
        public var persons = 0
        public var loadedRows = 0
        public var loadSeconds = 0.0
        public var importFigures = ImportFigures()
        public var rules: [RuleFigures] = []
    }

    let running: RunningConfiguration
    let logger: Logger
    /// Rows of the imported file; the register and the other tables are drawn at its scale.
    let persons: Int
    /// Timed runs of each rule's two queries.
    let repetitions: Int

    public init(running: RunningConfiguration, logger: Logger, persons: Int, repetitions: Int) {
        (self.running, self.logger, self.persons, self.repetitions) = (running, logger, persons, repetitions)
    }

    /// Generates the data, starts a private PostgreSQL in `stateDirectory` (never the configured database), and
    /// measures. `progress` gets a line at each long step.
    public func run(stateDirectory: String, progress: @escaping @Sendable (String) -> Void) async throws -> Figures {
        progress("生成数据 (generating data for \(persons) rows)…")
        let units = DemoCounty.generate(roles: running.roleCatalogue).units
        let data = ScreenBenchmarkData.generate(persons: self.persons, units: units)
        var configuration = running.configuration
        (configuration.stateDirectory, configuration.database.url) = (stateDirectory, nil)
        let (running, logger, repetitions) = (self.running, self.logger, self.repetitions)
        return try await DatabaseSession.withClient(configuration: configuration, logger: logger) { client, endpoint in
            try await Migrator().migrate(client: client, logger: logger)
            try await Screener(client: client, logger: logger).prepareTables(running)
            let loader = Loader(client: client, logger: logger, knownDivisions: data.knownDivisions)
            var figures = Figures()
            (figures.households, figures.persons) = (data.register.households.count, data.register.persons.count)
            figures.importFigures = try await loader.compareImport(
                data, plugins: running.plugins, psql: PsqlCopy(endpoint: endpoint), directory: stateDirectory,
                progress: progress)
            let started = ContinuousClock.now
            figures.loadedRows = try await loader.loadTheRest(data, plugins: running.plugins, progress: progress)
            figures.loadSeconds = (ContinuousClock.now - started).timeInterval
            figures.rules = try await RuleTimer(client: client, logger: logger, repetitions: repetitions)
                .compare(running.plugins, progress: progress)
            return figures
        }
    }
}

/// Writes the bench's tables the way an import does, and times the one import compared with psql.
struct Loader: Sendable {
    let client: PostgresClient
    let logger: Logger
    let knownDivisions: Set<String>

    /// Imports the person-level file through dixian, then copies it with psql into a plain twin table.
    func compareImport(
        _ data: ScreenBenchmarkData, plugins: PluginSet, psql: PsqlCopy, directory: String,
        progress: @escaping @Sendable (String) -> Void
    ) async throws -> ScreenBenchmark.ImportFigures {
        guard let plugin = plugins.plugins.first(where: { $0.isEnabled && $0.id == ScreenBenchmarkData.importPlugin }),
            let dataset = plugin.datasets.first(where: { $0.id == ScreenBenchmarkData.importDataset })
        else {
            throw BenchmarkError(message: "基准需要启用 health 插件及其 insurance_enrollment 数据集 (the bench needs the health plugin)")
        }
        let layout = DatasetTableLayout.dataset(dataset, plugin: plugin.id)
        let table = data.importTable
        let path = directory + "/" + table.fileName
        let csv = table.csv(columns: dataset.columns)
        try csv.write(toFile: path, atomically: false, encoding: .utf8)
        var figures = ScreenBenchmark.ImportFigures()
        figures.target = layout.target
        figures.rows = table.rows.count
        figures.bytes = csv.utf8.count
        let plain = "bench_plain_" + dataset.id
        try await execute(Self.plainTable(plain, like: layout))
        try await execute("CHECKPOINT")
        guard let bytes = FileManager.default.contents(atPath: path).map({ [UInt8]($0) }) else {
            throw BenchmarkError(message: "无法读取 (cannot read) \(path)")
        }
        // Rounds alternate the two, each into an emptied table: one round on a shared machine is noise.
        var rounds: [(dixian: Double, validate: Double, psql: Double)] = []
        for round in 1...Self.importRounds {
            if round > 1 { try await empty(layout: layout, plain: plain) }
            try await execute("CHECKPOINT")
            progress("导入第 \(round)/\(Self.importRounds) 轮 (import round) \(layout.target): \(figures.rows) 行 (rows) 经 dixian…")
            let started = ContinuousClock.now
            let (written, reading) = try await load(
                bytes, name: table.fileName, layout: layout, period: ScreenBenchmarkData.period,
                progress: { rows in progress("  已校验 (validated) \(rows) 行 (rows)") })
            let dixian = (ContinuousClock.now - started).timeInterval
            guard written == figures.rows else {
                throw BenchmarkError(message: "导入行数不符 (rows written \(written), generated \(figures.rows))")
            }
            try await execute("CHECKPOINT")
            progress("导入第 \(round)/\(Self.importRounds) 轮 (import round): 同一文件经 psql \\copy (the same file through psql \\copy)…")
            rounds.append((dixian, reading.timeInterval, try psql.copy(file: path, into: plain).timeInterval))
        }
        figures.roundRatios = rounds.map { $0.psql / $0.dixian }
        let median = rounds.sorted { $0.psql / $0.dixian < $1.psql / $1.dixian }[rounds.count / 2]
        (figures.dixianSeconds, figures.validateSeconds, figures.psqlSeconds) = median
        try? FileManager.default.removeItem(atPath: path)
        return figures
    }

    /// Rounds of the import comparison; the median round is reported.
    static let importRounds = 3

    /// Empties both tables for the next round: the import's batch goes too, so the next one replaces nothing, as the
    /// first round did not.
    private func empty(layout: DatasetTableLayout, plain: String) async throws {
        try await execute("TRUNCATE \(SQLNaming.quoted(layout.tableName)), \(plain)")
        try await execute("DELETE FROM data_imports WHERE target = '\(layout.target)'")
    }

    /// A table with the dataset's columns and key, without dixian's system columns. PostgreSQL reads no 是/否,
    /// so booleans stay text: the baseline does slightly less than dixian, never more.
    static func plainTable(_ name: String, like layout: DatasetTableLayout) -> String {
        let columns = layout.dataset.columns.map { column in
            let type = DatasetTableLayout.sqlType(column.kind)
            return "\(column.name) \(type == "boolean" ? "text" : type)"
        }
        let key = layout.dataset.key.joined(separator: ", ")
        return "CREATE TABLE \(name) (\(columns.joined(separator: ", ")), UNIQUE (\(key)))"
    }

    /// The register and every other sector table, each through validation and COPY; returns the rows written.
    func loadTheRest(
        _ data: ScreenBenchmarkData, plugins: PluginSet, progress: @escaping @Sendable (String) -> Void
    ) async throws -> Int {
        var rows = 0
        let tables = data.registerTables.map { ($0.table, $0.layout, nil as String?) }
            + data.otherSectorTables(plugins).map { ($0.table, $0.layout, ScreenBenchmarkData.period as String?) }
        for (table, layout, period) in tables {
            progress("载入 (loading) \(layout.target): \(table.rows.count) 行 (rows)…")
            let bytes = Array(table.csv(columns: layout.dataset.columns).utf8)
            rows += try await load(bytes, name: table.fileName, layout: layout, period: period).rows
        }
        // Statistics as autovacuum would gather them sooner or later: both queries of a rule plan on the same.
        try await execute("ANALYZE")
        return rows
    }

    /// What `dixian data import` does with a file: a sector dataset's rows are written while the file is read and
    /// validated, all in one transaction; the register's file is read whole first. Returns the rows written and
    /// how long reading and validating took.
    private func load(
        _ bytes: [UInt8], name: String, layout: DatasetTableLayout, period: String?, progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> (rows: Int, reading: Duration) {
        let sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let store = DatasetStore(client: client, logger: logger)
        var batch = DatasetImport(
            layout: layout, rows: [], period: period, fileName: name, sha256: sha256, skippedRows: 0, actor: "bench", channel: "cli",
            at: Date())
        if period != nil {
            let imported = try await store.importWhileReading(
                bytes, batch: batch, knownDivisions: knownDivisions, skipInvalid: false,
                progress: { rows in if rows % 200_000 == 0 { progress(rows) } })
            guard let result = imported.result else { throw Self.invalid(imported.table) }
            return (result.rows, imported.readingTime)
        }
        let started = ContinuousClock.now
        let table = ValidatedTable.read(bytes, dataset: layout.dataset, knownDivisions: knownDivisions) { rows in
            if rows % 200_000 == 0 { progress(rows) }
        }
        guard table.issues.isEmpty else { throw Self.invalid(table) }
        let reading = ContinuousClock.now - started
        batch.rows = table.rows
        return (try await store.write(batch).rows, reading)
    }

    private static func invalid(_ table: ValidatedTable) -> BenchmarkError {
        BenchmarkError(message: "基准数据未通过校验 (bench data invalid): " + table.issues.report().prefix(5).joined(separator: "\n"))
    }

    private func execute(_ sql: String) async throws {
        _ = try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }
}
