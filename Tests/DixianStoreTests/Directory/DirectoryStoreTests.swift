import DixianDirectory
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Directory store against a real PostgreSQL")
struct DirectoryStoreTests {
    let logger = TestDatabase.logger
    let roles = DirectoryFixtures.roles

    /// A migrated fresh database with the fixture units (and, optionally, officials) imported.
    func withDirectory<R: Sendable>(
        officials: Bool = true,
        _ body: @escaping @Sendable (DirectoryStore, PostgresClient) async throws -> R
    ) async throws -> R {
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: self.logger)
                let store = DirectoryStore(client: client, logger: self.logger)
                #expect(try await store.isEmpty())
                let units = try await store.importFile(Array(DirectoryFixtures.units.utf8), roles: self.roles)
                #expect(units.applied && units.changes.inserted == 6, "\(units.summary)")
                if officials {
                    let report = try await store.importFile(Array(DirectoryFixtures.officials.utf8), roles: self.roles)
                    #expect(report.applied && report.changes.inserted == 4, "\(report.plan.issues)")
                }
                return try await body(store, client)
            }
        }
    }

    @Test("re-importing the same files changes nothing; a changed row updates")
    func idempotent() async throws {
        try await self.withDirectory { store, client in
            let before = try await DirectoryFixtures.fingerprint(client, logger: self.logger)
            let units = try await store.importFile(Array(DirectoryFixtures.units.utf8), roles: self.roles)
            let officials = try await store.importFile(Array(DirectoryFixtures.officials.utf8), roles: self.roles)
            #expect(units.changes == DirectoryChangeCounts(unchanged: 6))
            #expect(officials.changes == DirectoryChangeCounts(unchanged: 4))
            #expect(officials.summary == "导入 0 个单位、4 名干部;跳过 0 行(新增 0、更新 0、未变 4)")
            #expect(try await DirectoryFixtures.fingerprint(client, logger: self.logger) == before)

            let changed = DirectoryFixtures.officialsHeader
                + "T002,李秀英,village_cadre,149721101202,,,lxy@lanchuan.gov.invalid,10000000002,\r\n"
            let update = try await store.importFile(Array(changed.utf8), roles: self.roles)
            #expect(update.changes == DirectoryChangeCounts(updated: 1))
            let official = try #require(try await store.official(id: "T002"))
            #expect(official.roles == ["village_cadre"])
            #expect(official.email == "lxy@lanchuan.gov.invalid")
        }
    }

    @Test("acceptance: a GB18030 officials file with Chinese names imports and reads back")
    func gb18030() async throws {
        try await self.withDirectory(officials: false) { store, _ in
            let text = DirectoryFixtures.officialsHeader
                + "G001,张三,村党组织书记,149721101201,,,,10000000001,\r\n"
                + "G002,欧阳秀英,帮扶责任人、村干部（网格员）,149721102201,,,,10000000002,\r\n"
            let bytes = try #require(TextEncoding.gb18030.encode(text))
            let report = try await store.importFile(bytes, roles: self.roles)
            #expect(report.plan.encoding == .gb18030)
            #expect(report.applied && report.changes.inserted == 2)
            #expect(try await store.official(id: "G001")?.name == "张三")
            let second = try #require(try await store.official(id: "G002"))
            #expect(second.name == "欧阳秀英")
            #expect(second.roles == ["helper", "village_cadre"])
        }
    }

    @Test("acceptance: a file with three bad rows reports exactly those lines and changes nothing")
    func threeBadRowsChangeNothing() async throws {
        try await self.withDirectory { store, client in
            let before = try await DirectoryFixtures.fingerprint(client, logger: self.logger)
            let text = DirectoryFixtures.officialsHeader
                + "T001,张三丰,village_secretary,149721101201,,,,10000000011,\r\n"       // 2: would update
                + "N001,赵六,helper,149721101299,,,,,\r\n"                              // 3: unknown unit
                + "N002,钱七,helper,149721101201,,,qian@@x.invalid,,\r\n"               // 4: e-mail
                + "N003,孙八,village_cadre,149721102201,,,,,\r\n"                       // 5: would insert
                + "N004,周九,town_head,149721102201,,,,,\r\n"                           // 6: role level
            let report = try await store.importFile(Array(text.utf8), roles: self.roles)
            #expect(!report.applied)
            #expect(report.plan.invalidLines == [3, 4, 6])
            #expect(report.refusal?.code == .invalidRows)
            #expect(report.summary.hasPrefix("未导入"))
            #expect(try await DirectoryFixtures.fingerprint(client, logger: self.logger) == before)
            #expect(try await store.official(id: "N003") == nil)
            #expect(try await store.official(id: "T001")?.name == "张三")

            let skipping = try await store.importFile(Array(text.utf8), roles: self.roles, options: DirectoryImportOptions(skipInvalid: true))
            #expect(skipping.applied)
            #expect(skipping.changes == DirectoryChangeCounts(inserted: 1, updated: 1))
            #expect(skipping.summary == "导入 0 个单位、2 名干部;跳过 3 行(新增 1、更新 1、未变 0)")
        }
    }

    @Test("a dry run checks against the database and writes nothing")
    func dryRun() async throws {
        try await self.withDirectory(officials: false) { store, client in
            let before = try await DirectoryFixtures.fingerprint(client, logger: self.logger)
            let report = try await store.importFile(
                Array(DirectoryFixtures.officials.utf8), roles: self.roles, options: DirectoryImportOptions(dryRun: true)
            )
            #expect(!report.applied && report.refusal == nil && report.plan.officials.count == 4)
            #expect(try await DirectoryFixtures.fingerprint(client, logger: self.logger) == before)
        }
    }

    @Test("list by subtree and role; show one official; bureaus recorded")
    func queries() async throws {
        try await self.withDirectory { store, client in
            let town = try DivisionCode(validating: "149721101000")
            #expect(try await store.units(under: town).map(\.name) == ["东关镇", "李家沟村", "石门村"])
            #expect(try await store.units().count == 6)
            #expect(try await store.officials(under: town).map(\.id) == ["T003", "T001", "T002"])
            #expect(try await store.officials(role: "helper").map(\.id) == ["T002"])
            #expect(try await store.officials(under: DivisionCode(prefix: "149721102"), role: nil).isEmpty)
            let contact = try #require(try await store.official(id: "T004"))
            #expect(contact.bureau == "岚川县教育和体育局")
            #expect(contact.sector == "education")
            #expect(contact.chatIDs == ChatIDs(wecom: "oyf"))
            #expect(try await store.unit(town)?.parentCode?.rawValue == "149721000000")
            #expect(try await store.counts() == (6, 4))
            let rows = try await client.query("SELECT sector FROM bureaus WHERE id = '149721000000/岚川县教育和体育局'", logger: self.logger)
            for try await sector in rows.decode(String?.self) { #expect(sector == "education") }
        }
    }

    @Test("a county imported before its city gets its parent once the city arrives")
    func orphansAreLinked() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: self.logger)
                let store = DirectoryStore(client: client, logger: self.logger)
                _ = try await store.importFile(Array("单位代码,名称\n149721000000,岚川县\n".utf8), roles: self.roles)
                #expect(try await store.unit(DivisionCode(validating: "149721000000"))?.parentCode == nil)
                let city = try await store.importFile(Array("单位代码,名称\n149700000000,云岚市\n".utf8), roles: self.roles)
                #expect(city.applied)
                #expect(try await store.unit(DivisionCode(validating: "149721000000"))?.parentCode?.rawValue == "149700000000")
            }
        }
    }
}
