import DixianStore
import Foundation
import Testing

@Suite("Migration catalog")
struct MigrationCatalogTests {
    @Test("every SQL file in Sources/DixianStore/Migrations is in the catalog, in order")
    func catalogMatchesFolder() throws {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/DixianStore/Migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        let expected = MigrationCatalog.all.map { String(format: "%04d_%@.sql", $0.version, $0.name) }
        #expect(files == expected)
        for migration in MigrationCatalog.all {
            let text = try String(contentsOf: folder.appendingPathComponent(String(format: "%04d_%@.sql", migration.version, migration.name)), encoding: .utf8)
            #expect(text == migration.sql, "embedded SQL of \(migration.version) differs from the file")
        }
    }

    @Test("versions are 1, 2, 3 … without gaps")
    func versionsContiguous() {
        #expect(MigrationCatalog.all.map(\.version) == Array(1...MigrationCatalog.all.count))
    }

    @Test("the checksum is stable and sensitive to any change")
    func checksum() {
        let a = Migration(version: 1, name: "a", sql: "CREATE TABLE t (id int)")
        let b = Migration(version: 1, name: "a", sql: "CREATE TABLE t (id int) ")
        #expect(a.checksum == Migration(version: 9, name: "z", sql: a.sql).checksum)
        #expect(a.checksum != b.checksum)
        #expect(a.checksum.count == 16)
        // FNV-1a 64 of the empty string is the offset basis: pins the algorithm across releases.
        #expect(Migration(version: 1, name: "e", sql: "").checksum == "cbf29ce484222325")
    }
}
