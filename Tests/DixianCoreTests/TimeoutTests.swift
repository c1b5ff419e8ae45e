import DixianCore
import Testing

@Suite("withTimeout")
struct TimeoutTests {
    @Test("returns the operation's value when it finishes in time")
    func finishes() async throws {
        let value = try await withTimeout(.seconds(5)) { 42 }
        #expect(value == 42)
    }

    @Test("throws TimeoutError and cancels an operation that takes too long")
    func timesOut() async throws {
        await #expect(throws: TimeoutError.self) {
            try await withTimeout(.milliseconds(50)) {
                try await Task.sleep(for: .seconds(60))
                return 1
            }
        }
    }

    @Test("passes the operation's own error through")
    func passesErrors() async throws {
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await withTimeout(.seconds(5)) { () async throws -> Int in throw Boom() }
        }
    }
}
