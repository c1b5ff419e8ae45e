import DixianDirectory
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("城乡分类代码 and 脱贫村 in the store")
struct UnitClassificationStoreTests {
    let logger = TestDatabase.logger
    let roles = DirectoryFixtures.roles

    static let classified = """
        单位代码,名称,层级,城乡分类代码,脱贫村
        149721000000,岚川县,县,,
        149721101000,东关镇,乡镇,,
        149721101001,东关社区,村,121,否
        149721101201,李家沟村,村,220,是
        149721101202,石门村,村,210,否

        """

    func withStore<R: Sendable>(_ body: @escaping @Sendable (DirectoryStore, PostgresClient) async throws -> R) async throws -> R {
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: self.logger)
                return try await body(DirectoryStore(client: client, logger: self.logger), client)
            }
        }
    }

    static func byName(_ units: [OrgUnit]) -> [String: OrgUnit] {
        Dictionary(uniqueKeysWithValues: units.map { ($0.name, $0) })
    }

    @Test("a classified file stores and reads back codes and flags; re-importing it changes nothing")
    func roundTrip() async throws {
        try await self.withStore { store, client in
            let report = try await store.importFile(Array(Self.classified.utf8), roles: self.roles)
            #expect(report.applied && report.changes.inserted == 5)
            let units = Self.byName(try await store.units())
            #expect(units["东关社区"]?.urbanRural == .townCentre && units["东关社区"]?.isRural == false)
            #expect(units["李家沟村"]?.urbanRural == .village && units["李家沟村"]?.isPovertyExited == true)
            #expect(units["石门村"]?.urbanRural == .townshipCentre && units["石门村"]?.isPovertyExited == false)
            #expect(units["东关镇"]?.urbanRural == nil)
            let before = try await DirectoryFixtures.fingerprint(client, logger: self.logger)
            let again = try await store.importFile(Array(Self.classified.utf8), roles: self.roles)
            #expect(again.changes == DirectoryChangeCounts(unchanged: 5))
            #expect(try await DirectoryFixtures.fingerprint(client, logger: self.logger) == before)
        }
    }

    @Test("an older file without the columns imports as rural; over a classified directory it keeps the stored values")
    func olderFile() async throws {
        try await self.withStore { store, _ in
            let old = "单位代码,名称,层级\n149721000000,岚川县,县\n149721101000,东关镇,乡镇\n149721101001,东关社区,村\n149721101203,新村,村\n"
            let first = try await store.importFile(Array(old.utf8), roles: self.roles)
            #expect(first.applied && first.refusal == nil)
            #expect(try await store.units().allSatisfy { $0.urbanRural == nil && $0.isRural && !$0.isPovertyExited })

            _ = try await store.importFile(Array(Self.classified.utf8), roles: self.roles)
            let renamed = "单位代码,名称\n149721101001,东关镇社区\n149721101201,李家沟村\n"
            let report = try await store.importFile(Array(renamed.utf8), roles: self.roles)
            #expect(report.changes == DirectoryChangeCounts(updated: 1, unchanged: 1))
            let units = Self.byName(try await store.units())
            #expect(units["东关镇社区"]?.urbanRural == .townCentre, "a rename keeps the code")
            #expect(units["李家沟村"]?.isPovertyExited == true, "a file without 脱贫村 keeps the flag")
            #expect(units["新村"]?.urbanRural == nil)

            // With the column present, an empty cell clears the code and 否 clears the flag.
            let cleared = "单位代码,名称,城乡分类代码,脱贫村\n149721101201,李家沟村,,否\n"
            let clearing = try await store.importFile(Array(cleared.utf8), roles: self.roles)
            #expect(clearing.changes == DirectoryChangeCounts(updated: 1))
            let village = try #require(try await store.unit(try DivisionCode(validating: "149721101201")))
            #expect(village.urbanRural == nil && !village.isPovertyExited)
        }
    }

    @Test("a bad code or flag refuses the whole file with row and column, and the directory is unchanged")
    func badValuesChangeNothing() async throws {
        try await self.withStore { store, client in
            _ = try await store.importFile(Array(Self.classified.utf8), roles: self.roles)
            let before = try await DirectoryFixtures.fingerprint(client, logger: self.logger)
            let bad = "单位代码,名称,城乡分类代码,脱贫村\n"
                + "149721101001,东关社区,220,否\n"       // a valid change that must not be applied either
                + "149721101201,李家沟村,320,是\n"
                + "149721101202,石门村,210,也许\n"
            let report = try await store.importFile(Array(bad.utf8), roles: self.roles)
            #expect(!report.applied)
            #expect(report.refusal?.code == .invalidRows)
            #expect(report.refusal?.context["lines"] == "3,4")
            #expect(report.plan.issues.map(\.description) == [
                "第 3 行 [城乡分类代码]:城乡分类代码 '320' 无效,应为 111 主城区、112 城乡结合区、121 镇中心区、122 镇乡结合区、123 特殊区域、"
                    + "210 乡中心区、220 村庄 之一,或留空 (invalid urban-rural code)",
                "第 4 行 [脱贫村]:脱贫村 '也许' 无效:应为 是/否,或留空 (expected yes/no)",
            ])
            #expect(try await DirectoryFixtures.fingerprint(client, logger: self.logger) == before)
        }
    }

    @Test("the database refuses a code outside the table, whoever writes it")
    func constraint() async throws {
        try await self.withStore { store, client in
            _ = try await store.importFile(Array(Self.classified.utf8), roles: self.roles)
            await #expect(throws: (any Error).self) {
                try await client.query("UPDATE org_units SET urban_rural_code = '130' WHERE code = '149721101201'")
            }
            #expect(Self.byName(try await store.units())["李家沟村"]?.urbanRural == .village)
        }
    }
}
