@testable import DixianDaemon
import Testing

@Suite("Restarting the embedded PostgreSQL")
struct EmbeddedPostgresSupervisorTests {
    @Test("the wait doubles from 1 s and stops at 60 s")
    func backoff() {
        let waits = (0..<9).map { EmbeddedPostgresSupervisor.delay(beforeAttempt: $0) }
        #expect(waits == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(32), .seconds(60), .seconds(60), .seconds(60)])
        #expect(EmbeddedPostgresSupervisor.delay(beforeAttempt: 10_000) == .seconds(60))
        #expect(EmbeddedPostgresSupervisor.delay(beforeAttempt: -1) == .seconds(1))
    }
}
