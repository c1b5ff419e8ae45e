import DixianDirectory
import DixianStore
import DixianTestSupport
import Foundation
import Testing

@Suite("The demo county imports into an empty database")
struct DemoImportTests {
    let logger = TestDatabase.logger
    let demoDirectory = PluginRoles.repositoryRoot.appendingPathComponent("config/demo").path

    @Test("config/demo staffs every role the plugins declare, at the role's level")
    func coversPluginRoles() throws {
        let catalogue = try PluginRoles.catalogue()
        #expect(catalogue.roles.count >= 20)
        let generated = DemoCounty.generate(roles: catalogue)
        // Bytes, not String: Foundation drops the UTF-8 byte-order mark when decoding a file.
        let committed = try Data(contentsOf: URL(fileURLWithPath: self.demoDirectory + "/" + DemoCounty.officialsFileName))
        #expect(Data(generated.officialsCSV().utf8) == committed, "config/demo is stale for the plugins' roles: regenerate it")
        let levels = Dictionary(uniqueKeysWithValues: generated.units.map { ($0.code, $0.level) })
        for role in catalogue.roles.values {
            let holders = generated.officials.filter { $0.roles.contains(role.id) }
            #expect(!holders.isEmpty, "no demo official holds \(role.id)")
            #expect(holders.allSatisfy { levels[$0.orgUnitCode] == role.level }, "\(role.id)")
        }
    }

    @Test("imported once when empty, never again; replicas racing import it once")
    func importDemoIfEmpty() async throws {
        let catalogue = try PluginRoles.catalogue()
        try await TestDatabase.withFreshDatabase { endpoint in
            _ = try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: self.logger)
            }
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        try await TestDatabase.withClient(endpoint, maxConnections: 1) { client in
                            try await DirectoryStore.importDemoIfEmpty(
                                client: client, demoDirectory: self.demoDirectory, knownRoles: catalogue, logger: self.logger
                            ) != nil
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            try await TestDatabase.withClient(endpoint) { client in
                let store = DirectoryStore(client: client, logger: self.logger)
                let demo = DemoCounty.generate(roles: catalogue)
                #expect(try await store.counts() == (demo.units.count, demo.officials.count))
                #expect(!(try await store.isEmpty()))
                let villages = try await store.units(under: DemoCounty.countyCode).filter { $0.level == .village }
                #expect(villages.count >= 150)
            }
        }
    }

    @Test("a missing demo directory is an error naming the file")
    func missingDirectory() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: self.logger)
                await #expect(throws: DirectoryError.self) {
                    try await DirectoryStore.importDemoIfEmpty(
                        client: client, demoDirectory: "/nonexistent", knownRoles: Set(["helper"]), logger: self.logger
                    )
                }
            }
        }
    }
}
