import DixianDaemon
import DixianDatasets
import DixianScreening
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// Issue 12: a sector file is written while it is read, in chunks, and stays all or nothing. The demo county's
/// student roll (4,388 rows) goes in chunks of 100, so a bad last row comes after 43 chunks were already copied.
@Suite("Import while reading", .serialized)
struct ImportWhileReadingTests {
    @Test("a bad last row after 43 chunks leaves the period's earlier batch whole; skipped, it replaces that batch")
    func allOrNothingAcrossChunks() async throws {
        let running = try DaemonOptions().loadRunningConfiguration()
        let plugin = try #require(running.plugins.plugins.first { $0.id == "education" })
        let layout = DatasetTableLayout.dataset(try #require(plugin.datasets.first { $0.id == "student_roll" }), plugin: plugin.id)
        let text = try String(contentsOfFile: DixianBinary.packageRoot + "/config/demo/data/education.student_roll.csv", encoding: .utf8)
        var lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let good = Array(lines.joined(separator: "\r\n").utf8)
        // The last row's ID number gets a wrong check digit.
        var cells = lines[lines.count - 1].components(separatedBy: ",")
        cells[0] = String(cells[0].dropLast()) + (cells[0].hasSuffix("0") ? "1" : "0")
        lines[lines.count - 1] = cells.joined(separator: ",")
        let spoiled = Array(lines.joined(separator: "\r\n").utf8)
        let dataRows = lines.count - 1
        let lastRow = lines.count

        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: TestDatabase.logger)
                try await DirectoryStore.importDemoIfEmpty(
                    client: client, demoDirectory: "config/demo", knownRoles: running.roleCatalogue, logger: TestDatabase.logger)
                let divisions = Set(try await DirectoryStore(client: client, logger: TestDatabase.logger).snapshot().unitCodes.map(\.rawValue))
                let store = DatasetStore(client: client, logger: TestDatabase.logger)
                func importing(_ bytes: [UInt8], skipInvalid: Bool) async throws -> StreamedImport {
                    let batch = DatasetImport(
                        layout: layout, rows: [], period: "2026-09", fileName: "student_roll.csv", sha256: String(repeating: "0", count: 64),
                        skippedRows: 0, actor: "test", channel: "cli", at: Date())
                    return try await store.importWhileReading(
                        bytes, batch: batch, knownDivisions: divisions, skipInvalid: skipInvalid, chunkSize: 100)
                }
                func value(_ sql: String) async throws -> Int64 {
                    for try await value in try await client.query(PostgresQuery(unsafeSQL: sql)).decode(Int64.self) { return value }
                    return -1
                }
                let table = SQLNaming.quoted(layout.tableName)

                let first = try await importing(good, skipInvalid: false)
                let firstID = try #require(first.result?.importID)
                #expect(first.validRows == dataRows && first.result?.rows == dataRows)
                #expect(try await value("SELECT count(*) FROM \(table) WHERE import_id = \(firstID)") == Int64(dataRows))
                #expect(try await value("SELECT row_count::int8 FROM data_imports WHERE id = \(firstID)") == Int64(dataRows))

                let refused = try await importing(spoiled, skipInvalid: false)
                #expect(refused.result == nil)
                #expect(refused.table.issues.issues.map(\.row) == [lastRow], "\(refused.table.issues.report())")
                #expect(refused.validRows == dataRows - 1)
                #expect(try await value("SELECT count(*) FROM data_imports") == 1)
                #expect(try await value("SELECT count(*) FROM \(table)") == Int64(dataRows))
                #expect(try await value("SELECT count(*) FROM \(table) WHERE import_id <> \(firstID)") == 0)
                #expect(try await value("SELECT count(*) FROM audit_log WHERE action = 'data_import'") == 1)

                let skipped = try await importing(spoiled, skipInvalid: true)
                let secondID = try #require(skipped.result?.importID)
                #expect(skipped.result?.replacedImportID == firstID)
                #expect(try await value("SELECT count(*) FROM \(table)") == Int64(dataRows - 1))
                #expect(try await value("SELECT count(*) FROM \(table) WHERE import_id <> \(secondID)") == 0)
                #expect(try await value("SELECT skipped_rows::int8 FROM data_imports WHERE id = \(secondID)") == 1)
            }
        }
    }
}
