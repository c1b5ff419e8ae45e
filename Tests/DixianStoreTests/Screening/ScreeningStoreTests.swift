import DixianCore
import DixianDatasets
import DixianDirectory
import DixianPlugins
import DixianScreening
import DixianStore
import DixianTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

/// Datasets, imports and screening runs on the real PostgreSQL: one open alert per subject whatever the
/// reruns, alerts kept when their row stops matching, dry runs and missing data writing nothing.
@Suite("Screening store: imports, runs and alerts", .serialized)
struct ScreeningStoreTests {
    let logger = Logger(label: "dixian.test")

    static let dataset = Dataset(
        id: "roll", title: "测试名册", key: ["resident_id"],
        columns: [
            .init(name: "resident_id", title: "公民身份号码", kind: .residentID, isRequired: true),
            .init(name: "village_code", title: "村区划代码", kind: .divisionCode, isRequired: true),
            .init(name: "enrolled", title: "是否在校", kind: .boolean),
        ])
    static let layout = DatasetTableLayout.dataset(dataset, plugin: "education")
    static let condition = try! RuleCondition(
        "!enrolled",
        schema: RuleSchema(columns: dataset.columns.map { .init(name: $0.name, type: $0.kind.screeningType) }, parameters: [:]))

    /// Four pupils of one village: two not enrolled, one enrolled, one with the cell empty.
    static func rows(village: String, enrolled: [Bool?]) -> [DatasetRow] {
        enrolled.enumerated().map { index, flag in
            let id = ResidentID.completing("43062120100101\(String(format: "%03d", index + 1))")!
            return DatasetRow(number: index + 2, values: [.string(id.value), .string(village), flag.map(ScreeningValue.bool)])
        }
    }

    func batch(_ rows: [DatasetRow], period: String) -> DatasetImport {
        DatasetImport(
            layout: Self.layout, rows: rows, period: period, fileName: "roll-430621201000001X.csv",
            sha256: String(repeating: "a", count: 64), skippedRows: 0, actor: "test", channel: "cli", at: Date())
    }

    func request(dryRun: Bool = false) -> ScreeningRunRequest {
        let context = ScreeningContext(asOf: CalendarDate(year: 2026, month: 7, day: 15)!, parameters: [:])
        return ScreeningRunRequest(
            plugin: "education", ruleID: "not_enrolled", severity: "high", layout: Self.layout,
            condition: SQLCompiler().compile(Self.condition, context: context), ruleHash: String(repeating: "b", count: 64),
            trigger: "manual", asOf: context.asOf, now: Date(), dryRun: dryRun)
    }

    @Test("a run raises one alert per matching row; a rerun none; a row that stops matching is marked, not removed")
    func alertsAreReconciled() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: logger)
                let village = try await Self.aVillage(client, logger: logger)
                let datasets = DatasetStore(client: client, logger: logger)
                let screening = ScreeningStore(client: client, logger: logger)
                _ = try await datasets.write(batch(Self.rows(village: village, enrolled: [false, false, true, nil]), period: "2026-06"))

                let dry = try await screening.run(request(dryRun: true))
                #expect((dry.rowsScreened, dry.matched, dry.dataMissing) == (4, 2, 1))
                #expect(try await screening.alerts(AlertFilter()).isEmpty)

                let first = try await screening.run(request())
                #expect((first.matched, first.newAlerts, first.stillOpen, first.dataMissing) == (2, 2, 0, 1))
                let second = try await screening.run(request())
                #expect((second.newAlerts, second.stillOpen, second.noLongerMatching) == (0, 2, 0))
                #expect(try await screening.alerts(AlertFilter()).count == 2)

                // July's roll: the first pupil is back at school; June's rows are replaced by period, not mixed.
                let july = try await datasets.write(batch(Self.rows(village: village, enrolled: [true, false, true, nil]), period: "2026-07"))
                #expect(july.replacedImportID == nil)
                let third = try await screening.run(request())
                #expect((third.period, third.matched, third.newAlerts, third.stillOpen, third.noLongerMatching) == ("2026-07", 1, 0, 1, 1))
                let alerts = try await screening.alerts(AlertFilter(status: "open"))
                #expect(alerts.count == 2)
                #expect(alerts.filter { !$0.stillMatching }.count == 1)
                #expect(alerts.allSatisfy { $0.unitCode.rawValue == village && $0.maskedSubject.contains("****") })
                #expect(alerts.allSatisfy { !$0.maskedSubject.contains($0.residentID ?? "-") })
            }
        }
    }

    @Test("a new batch for the same period replaces the old one whole; the file name is stored masked")
    func periodReplaced() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: logger)
                let village = try await Self.aVillage(client, logger: logger)
                let datasets = DatasetStore(client: client, logger: logger)
                let first = try await datasets.write(batch(Self.rows(village: village, enrolled: [false, true, true]), period: "2026-06"))
                let second = try await datasets.write(batch(Self.rows(village: village, enrolled: [true]), period: "2026-06"))
                #expect(second.replacedImportID == first.importID)
                let rows = try await client.query("SELECT count(*)::int8 FROM ds_education__roll WHERE period = '2026-06'")
                for try await count in rows.decode(Int64.self) { #expect(count == 1) }
                let names = try await client.query("SELECT file_name FROM data_imports")
                for try await name in names.decode(String.self) { #expect(!name.contains("430621201000001X")) }
            }
        }
    }

    @Test("adding a column migrates the table; changing a column's type is refused at the declaration and keeps the data")
    func tableMigration() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: logger)
                let village = try await Self.aVillage(client, logger: logger)
                let datasets = DatasetStore(client: client, logger: logger)
                _ = try await datasets.write(batch(Self.rows(village: village, enrolled: [false]), period: "2026-06"))
                var grown = Self.dataset
                grown.columns.append(.init(name: "school", title: "就读学校", kind: .text))
                try await datasets.ensureTables([.dataset(grown, plugin: "education")])
                var changed = grown
                changed.columns[2].kind = .integer
                changed.location = Diagnostic.Location(file: "plugins/education/plugin.yaml", line: 210, column: 3)
                let error = await #expect(throws: StoreError.self) {
                    try await datasets.ensureTables([.dataset(changed, plugin: "education")])
                }
                #expect(error?.code == .datasetSchema)
                #expect(error?.message.contains("plugins/education/plugin.yaml:210:3") == true)
                let rows = try await client.query("SELECT count(*)::int8 FROM ds_education__roll WHERE school IS NULL")
                for try await count in rows.decode(Int64.self) { #expect(count == 1) }
            }
        }
    }

    @Test("the register upserts by key: a second import of the same households updates, never duplicates")
    func registerUpsert() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: logger)
                let datasets = DatasetStore(client: client, logger: logger)
                try await datasets.ensureTables([.register(.household), .register(.person)])
                let layout = DatasetTableLayout.register(.household)
                let household: [ScreeningValue?] = [
                    .string("H1"), .string("430621101201"), .string("监测户"), .string("边缘易致贫户"),
                    .string(ResidentID.completing("43062119800101001")!.value), .string("张三"), .int(3),
                    .double(7000), .int(2025), .double(9000), .bool(false), .bool(false), .bool(false),
                ]
                func write() async throws -> DatasetImportResult {
                    try await datasets.write(DatasetImport(
                        layout: layout, rows: [DatasetRow(number: 2, values: household)], period: nil, fileName: "h.csv",
                        sha256: String(repeating: "c", count: 64), skippedRows: 0, actor: "test", channel: "cli", at: Date()))
                }
                let first = try await write()
                let second = try await write()
                #expect((first.inserted, first.updated, second.inserted, second.updated) == (1, 0, 0, 1))
                #expect(try await datasets.registeredHouseholdIDs() == ["H1"])
            }
        }
    }

    static func aVillage(_ client: PostgresClient, logger: Logger) async throws -> String {
        try await client.query(
            """
            INSERT INTO org_units (code, name, level, parent_code, updated_at) VALUES
              ('430621000000', '岚川县', 'county', NULL, now()),
              ('430621101000', '城关镇', 'town', '430621000000', now()),
              ('430621101201', '东村', 'village', '430621101000', now())
            """)
        return "430621101201"
    }
}
