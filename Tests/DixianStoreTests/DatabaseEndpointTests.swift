import DixianStore
import DixianTestSupport
import Testing

@Suite("Database endpoint and probe")
struct DatabaseEndpointTests {
    @Test("the description never shows the password")
    func descriptionHidesPassword() {
        let endpoint = DatabaseEndpoint(
            transport: .tcp(host: "db.example.gov.cn", port: 5433), username: "dixian",
            password: "s3cr3t-密码", database: "dixian", tls: .verifyFull(rootCertificateFile: nil)
        )
        #expect(endpoint.description == "postgresql://dixian@db.example.gov.cn:5433/dixian")
        #expect(!endpoint.description.contains("s3cr3t"))
    }

    @Test("unix socket endpoints point at the server's socket file")
    func unixSocket() {
        let endpoint = DatabaseEndpoint(
            transport: .unixSocket(directory: "/var/lib/dixian/postgres/run", port: 5432),
            username: "dixian", database: "dixian", tls: .disable
        )
        #expect(endpoint.unixSocketPath == "/var/lib/dixian/postgres/run/.s.PGSQL.5432")
        #expect(endpoint.description == "postgresql://dixian@/dixian?host=/var/lib/dixian/postgres/run")
    }

    @Test("the probe reaches the test server and reports its version")
    func probeReachable() async throws {
        let endpoint = try TestDatabase.serverEndpoint()
        // Reachability, not speed: at the start of a full run hundreds of tests create databases on this one server,
        // and a 5-second limit failed there once (a timed assertion in disguise).
        let version = try await DatabaseProbe(endpoint: endpoint, timeout: .seconds(60)).check(logger: TestDatabase.logger)
        #expect(version.first?.isNumber == true)
    }

    @Test("an unreachable server fails with a clear, coded error instead of hanging")
    func probeUnreachable() async throws {
        let endpoint = DatabaseEndpoint(
            transport: .unixSocket(directory: "/nonexistent-dixian", port: 5432),
            username: "dixian", database: "dixian", tls: .disable
        )
        let error = await #expect(throws: StoreError.self) {
            try await DatabaseProbe(endpoint: endpoint, timeout: .seconds(1))
                .waitUntilReachable(total: .seconds(2), logger: TestDatabase.logger)
        }
        #expect(error?.code == .unreachable)
        #expect(error?.message.contains("无法连接数据库") == true)
    }
}
