import Testing

@testable import DixianDaemon

/// The `http:` limits: read when given, defaults otherwise, out-of-range values reported at their position.
@Suite struct HTTPSettingsTests {
    @Test func defaultsAreSafe() {
        let http = Configuration.HTTP()
        #expect(http.headerTimeout == .seconds(10))
        #expect(http.bodyTimeout == .seconds(30))
        #expect(http.idleTimeout == .seconds(60))
        #expect(http.maxConnections == 512)
        #expect(http.databaseTimeout == .seconds(4))
    }

    @Test func readsEveryLimit() throws {
        let text = """
            http:
              listen: 127.0.0.1:9090
              header_timeout: 2s
              body_timeout: 1m
              idle_timeout: 5m
              max_connections: 64
              database_timeout: 30s
            """
        let http = try ConfigurationLoader.parse(text, file: "c.yaml").http
        #expect(http.listen == Configuration.ListenAddress(host: "127.0.0.1", port: 9090))
        #expect(http.headerTimeout == .seconds(2))
        #expect(http.bodyTimeout == .seconds(60))
        #expect(http.idleTimeout == .seconds(300))
        #expect(http.maxConnections == 64)
        #expect(http.databaseTimeout == .seconds(30))
    }

    @Test func outOfRangeLimitsAreReportedAtTheirValue() {
        let text = """
            http:
              header_timeout: 0s
              body_timeout: 2h
              idle_timeout: 10
              max_connections: 0
              database_timeout: 500ms
            """
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(text, file: "c.yaml") }
        #expect(error?.diagnostics.map { "\($0.line):\($0.column)" } == ["2:19", "3:17", "4:17", "5:20", "6:21"])
    }
}
