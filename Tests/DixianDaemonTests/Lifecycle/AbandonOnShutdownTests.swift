import DixianTestSupport
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

@testable import DixianDaemon

/// A stop that abandons work does not abandon what the work opens: a planner lease won while the daemon stops is
/// handed to the cleanup, which gives it up. Before, two replicas stopped together left one lease's connection
/// unclosed, and PostgresNIO's debug assertion killed the daemon on its way out.
@Suite("Work abandoned at shutdown hands a late value to its cleanup")
struct AbandonOnShutdownTests {
    @Test("a value ready before the stop is returned, and the cleanup gets nothing")
    func valueInTime() async throws {
        let cleaned = CleanupRecorder()
        let value = try await abandoningOnShutdown({ 4 }, onAbandoned: { await cleaned.add($0) })
        #expect(value == 4)
        #expect(await cleaned.values == [])
    }

    @Test("a graceful shutdown returns nil at once; the value that comes later goes to the cleanup")
    func gracefulShutdown() async throws {
        let gate = TestGate()
        let cleaned = CleanupRecorder()
        let waited = try await testGracefulShutdown { trigger throws -> Int? in
            async let waited = abandoningOnShutdown({ await gate.wait(); return 6 }, onAbandoned: { await cleaned.add($0) })
            trigger.triggerGracefulShutdown()
            return try await waited
        }
        #expect(waited == nil)
        await gate.open()
        #expect(try await cleaned.first() == 6)
    }

    @Test("a cancelled wait returns nil; the value that comes later goes to the cleanup")
    func cancelled() async throws {
        let gate = TestGate()
        let cleaned = CleanupRecorder()
        let caller = Task { try await abandoningOnShutdown({ await gate.wait(); return 8 }, onAbandoned: { await cleaned.add($0) }) }
        caller.cancel()
        #expect(try await caller.value == nil)
        await gate.open()
        #expect(try await cleaned.first() == 8)
    }
}
