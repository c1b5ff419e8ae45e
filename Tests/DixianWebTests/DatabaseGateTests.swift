@testable import DixianWeb
import DixianStore
import Logging
import Testing

@Suite("Database gate")
struct DatabaseGateTests {
    static let logger = Logger(label: "dixian.test")

    @Test("a database marked down is refused without running the work")
    func markedDown() async throws {
        let readiness = ReadinessState()
        readiness.setProblem("database", "数据库不可达 (database unreachable)")
        let gate = DatabaseGate(readiness: readiness, logger: Self.logger)
        let error = await #expect(throws: DatabaseUnavailable.self) {
            try await gate.run("test") { () async throws -> Int in
                Issue.record("the work must not run")
                return 1
            }
        }
        #expect(error?.code == .markedDown)
    }

    @Test("work past the deadline is abandoned and answered as a timeout")
    func deadline() async throws {
        let gate = DatabaseGate(readiness: ReadinessState(), deadline: .milliseconds(100), logger: Self.logger)
        let start = ContinuousClock.now
        let error = await #expect(throws: DatabaseUnavailable.self) {
            try await gate.run("test") { () async throws -> Int in
                try? await Task.sleep(for: .seconds(30))
                return 1
            }
        }
        #expect(error?.code == .timedOut)
        print("gave up after \(ContinuousClock.now - start)")
    }

    @Test("refusals of the store pass through; other failures become database_failed with their text kept in context")
    func failures() async throws {
        // The deadline is not under test here: a generous one keeps a loaded machine from turning an
        // immediate refusal into a timeout.
        let gate = DatabaseGate(readiness: ReadinessState(), deadline: .seconds(120), logger: Self.logger)
        let refusal = await #expect(throws: StoreError.self) {
            try await gate.run("test") { () async throws -> Int in throw StoreError(.linkUsed, "链接已使用") }
        }
        #expect(refusal?.code == .linkUsed)
        let failure = await #expect(throws: DatabaseUnavailable.self) {
            try await gate.run("test") { () async throws -> Int in throw StoreError(.unreachable, "SQLSTATE 22021") }
        }
        #expect(failure?.code == .failed)
        #expect(failure?.context["error"]?.contains("SQLSTATE") == true)
        #expect(APIError.unavailable(try #require(failure)).message.contains("SQLSTATE") == false)
        #expect(try await gate.run("test") { 42 } == 42)
    }
}
