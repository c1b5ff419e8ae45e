import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("The database dump that bad-input tests compare")
struct DatabaseDumpTests {
    @Test("equal data dumps equal; one changed row shows")
    func dumpsCompare() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: TestDatabase.logger)
            }
            let first = try await DatabaseDump.text(of: endpoint)
            #expect(try await DatabaseDump.text(of: endpoint) == first)
            #expect(first.contains("== outbox") && first.contains("== org_units"))
            try await TestDatabase.withClient(endpoint) { client in
                try await client.query(
                    "INSERT INTO generated_secrets (name, value) VALUES ('dump-test', decode(repeat('ab', 32), 'hex'))", logger: TestDatabase.logger)
            }
            let after = try await DatabaseDump.text(of: endpoint)
            #expect(after != first)
            #expect(after.contains("dump-test"))
        }
    }
}
