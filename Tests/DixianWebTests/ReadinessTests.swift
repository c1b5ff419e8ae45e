@testable import DixianWeb
import Foundation
import Testing

@Suite("Readiness")
struct ReadinessTests {
    @Test("problems make it not ready; warnings do not; changes are reported once")
    func transitions() {
        let state = ReadinessState()
        #expect(state.snapshot.isReady)
        #expect(state.setProblem("database", "down"))
        #expect(!state.setProblem("database", "down"))
        #expect(!state.snapshot.isReady)
        #expect(state.snapshot.statusLine.contains("database: down"))
        #expect(state.setWarning("configuration", "reload rejected"))
        #expect(state.clear("database"))
        #expect(!state.clear("database"))
        #expect(state.snapshot.isReady)
        #expect(state.snapshot.warnings.map(\.component) == ["configuration"])
    }

    @Test("/readyz answers 503 with a JSON body naming the problem, 200 when ready")
    func response() throws {
        let notReady = Readiness(problems: [.init(component: "database", message: "数据库不可达")], warnings: [])
        let response = HTTPEndpoints.readinessResponse(notReady)
        #expect(response.status == .serviceUnavailable)
        let ready = HTTPEndpoints.readinessResponse(Readiness(problems: [], warnings: []))
        #expect(ready.status == .ok)
    }
}
