import DixianCore
import DixianTestSupport
import Testing

/// Work that outlives its waiter still has its value cleaned up: a connection opened after the caller timed out
/// or was cancelled is closed, not dropped open (a daemon stopping during the planner's connect tripped
/// PostgresNIO's "deinitialized before being closed" assertion).
@Suite("abandoningAfter and ResultHandoff")
struct AbandoningAfterTests {
    @Test("a value in time is returned and never handed to the cleanup")
    func inTime() async throws {
        let cleaned = CleanupRecorder()
        let value = try await abandoningAfter(.seconds(3600), operation: { 7 }, onAbandoned: { await cleaned.add($0) })
        #expect(value == 7)
        #expect(await cleaned.values == [])
    }

    @Test("a value that arrives after the limit goes to the cleanup")
    func lateValueCleanedUp() async throws {
        let gate = TestGate()
        let cleaned = CleanupRecorder()
        await #expect(throws: TimeoutError.self) {
            try await abandoningAfter(.milliseconds(10), operation: { await gate.wait(); return 5 }, onAbandoned: { await cleaned.add($0) })
        }
        await gate.open()
        #expect(try await cleaned.first() == 5)
    }

    @Test("a caller cancelled while it waits hands the late value to the cleanup")
    func cancelledCaller() async throws {
        let gate = TestGate()
        let cleaned = CleanupRecorder()
        let caller = Task {
            try await abandoningAfter(.seconds(3600), operation: { await gate.wait(); return 9 }, onAbandoned: { await cleaned.add($0) })
        }
        caller.cancel()
        await #expect(throws: TimeoutError.self) { try await caller.value }
        await gate.open()
        #expect(try await cleaned.first() == 9)
    }

    @Test("the handoff: whichever comes second owns the result; a late error goes nowhere")
    func handoffOrder() async throws {
        let cleaned = CleanupRecorder()
        let early = ResultHandoff<Int> { await cleaned.add($0) }
        #expect(await early.deliver(.success(1)))
        #expect(try early.takeOrAbandon()?.get() == 1)

        let late = ResultHandoff<Int> { await cleaned.add($0) }
        #expect(late.takeOrAbandon() == nil)
        #expect(await !late.deliver(.success(2)))
        #expect(await cleaned.values == [2])

        struct Failed: Error {}
        let failed = ResultHandoff<Int> { await cleaned.add($0) }
        #expect(failed.takeOrAbandon() == nil)
        #expect(await !failed.deliver(.failure(Failed())))
        #expect(await cleaned.values == [2])
    }
}
