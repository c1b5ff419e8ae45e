import DixianTestSupport
import Foundation
import Testing

@Suite("simulate --event: the procedure's clocks previewed")
struct ProcedureSimulationTests {
    @Test("a household included on 3 July: 10-day reminders, the town escalated on 14 July, the 30-day clock's ladder")
    func householdIncluded() async throws {
        let result = try await CommandResult.run(
            ["simulate", "--demo", "--from", "2026-07-03", "--to", "2026-08-20", "--event", "household_included",
             "--org", "149721203201", "--format", "json"],
            workingDirectory: DixianBinary.packageRoot)
        #expect(result.status == 0, "\(result.errorOutput)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let messages = try #require(report["messages"] as? [[String: Any]])
        let duties = Set(messages.compactMap { $0["duty_id"] as? String })
        #expect(duties == ["governance.help_plan_within_deadline", "governance.measures_within_deadline"], "only the event's clocks: \(duties)")
        let plan = messages.filter { $0["duty_id"] as? String == "governance.help_plan_within_deadline" }
        #expect(plan.allSatisfy { $0["due_date"] as? String == "2026-07-13" })
        #expect(plan.contains { $0["kind"] as? String == "escalation" && ($0["send_at_local"] as? String)?.hasPrefix("2026-07-14 09:00") == true
            && $0["role"] as? String == "town_office" }, "\(plan.map { ($0["send_at_local"] ?? "", $0["role"] ?? "") })")
        let measures = messages.filter { $0["duty_id"] as? String == "governance.measures_within_deadline" }
        #expect(measures.allSatisfy { $0["due_date"] as? String == "2026-08-02" })
        #expect(measures.contains { $0["kind"] as? String == "escalation" && ($0["send_at_local"] as? String)?.hasPrefix("2026-08-03") == true })

        let missing = try await CommandResult.run(["simulate", "--demo", "--from", "2026-07-03", "--to", "2026-07-20", "--event", "household_included"])
        #expect(missing.status == 64 && missing.errorOutput.contains("--org"))
    }
}
