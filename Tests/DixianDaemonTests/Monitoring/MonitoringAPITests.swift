import DixianTestSupport
import Foundation
import Testing

/// The procedure's API through the daemon: a cadre's signal to a monitored case with its clocks met, every
/// refusal a JSON error with its status and nothing written.
@Suite("Monitoring API, end to end", .serialized)
struct MonitoringAPITests {
    static let token = "monitoring-token-0123456789"

    struct Client {
        let address: String

        func call(_ method: String, _ path: String, _ body: [String: Any]? = nil, token: String? = MonitoringAPITests.token) async throws -> (Int, Any?) {
            var headers = ["Content-Type": "application/json"]
            if let token { headers["Authorization"] = "Bearer \(token)" }
            let text = try body.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
            let answer = try #require(await HTTPProbe.send(method, address, "/api/v1/" + path, headers: headers, body: text))
            return (answer.status, try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)))
        }
    }

    static func field(_ value: Any?, _ path: String...) -> Any? {
        path.reduce(value) { ($0 as? [String: Any])?[$1] }
    }

    @Test("signal → verification → approvals → helper, plan, measure in place; refusals are JSON errors that change nothing")
    func procedureOverHTTP() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let scene = try await MonitoringScenarioTests.prepared(endpoint, "monitoring-api")
            let picked = try #require(try await scene.value(MonitoringScenarioTests.ordinaryHousehold)).split(separator: "|").map(String.init)
            let (household, village) = (picked[0], picked[2])
            let secretary = try await MonitoringScenarioTests.official(scene, role: "village_secretary", village: village)
            let town = try await MonitoringScenarioTests.official(scene, role: "town_office", village: village)
            let county = try await MonitoringScenarioTests.official(scene, role: "county_office", village: village)
            let helper = try await MonitoringScenarioTests.official(scene, role: "helper", village: village)
            let daemon = try DaemonProcess(
                ["serve", "--config", scene.config, "--state-dir", scene.work + "/var"], environment: ["DIXIAN_API_TOKEN": Self.token],
                logPath: scene.work + "/serve.log", workingDirectory: MonitoringScenarioTests.root)
            defer { daemon.kill() }
            let api = Client(address: try #require(await daemon.httpAddress(timeout: .seconds(60)), "log:\n\(daemon.log)"))
            let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
            let earlier = String(ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3 * 86_400)).prefix(10))

            #expect(try await api.call("GET", "signals", token: nil).0 == 401)
            let (badStatus, bad) = try await api.call("POST", "signals", ["by": secretary, "source": "visit", "household": household,
                                                                         "risk_types": ["因病"], "note": "住院", "colour": "red"])
            #expect(badStatus == 400 && Self.field(bad, "error", "code") as? String == "unknown_field")
            let (created, signal) = try await api.call("POST", "signals", [
                "by": secretary, "on": earlier, "source": "visit", "household": household, "risk_types": ["因病", "因学"], "note": "户主住院"])
            #expect(created == 201, "\(String(describing: signal))")
            let signalID = try #require(Self.field(signal, "id") as? Int)
            #expect(Self.field(signal, "raisedOn") as? String == earlier)

            let (verified, verification) = try await api.call("POST", "signals/\(signalID)/verification", [
                "by": secretary, "outcome": "risk_confirmed", "category": "边缘易致贫户"])
            #expect(verified == 200, "\(String(describing: verification))")
            let caseNumber = try #require(Self.field(verification, "caseNumber") as? String)
            let caseID = try #require(Int(caseNumber.dropFirst(2)))
            let (again, _) = try await api.call("POST", "signals/\(signalID)/verification", ["by": secretary, "outcome": "already_monitored"])
            #expect(again == 409, "a signal is verified once")

            let (wrongRole, refusal) = try await api.call("POST", "cases/\(caseID)/decisions", ["by": county, "decision": "approved"])
            #expect(wrongRole == 409 && Self.field(refusal, "error", "code") as? String == "step_refused")
            for official in [secretary, town, county] {
                #expect(try await api.call("POST", "cases/\(caseID)/decisions", ["by": official, "decision": "approved"]).0 == 200)
            }
            #expect(try await api.call("POST", "cases/\(caseID)/helper", ["by": secretary, "official": helper]).0 == 200)
            let (planned, plan) = try await api.call("POST", "cases/\(caseID)/plan", ["by": secretary, "text": "医疗救助、助学"])
            #expect(planned == 200 && Self.field(plan, "clocksMet") as? Int == 1)
            var measures: [Int] = []
            for risk in ["因病", "因学"] {
                let (status, measure) = try await api.call("POST", "cases/\(caseID)/measures", [
                    "by": helper, "type": risk == "因病" ? "健康" : "教育", "risk": risk, "description": "措施"])
                #expect(status == 201)
                measures.append(try #require(Self.field(measure, "measureID") as? Int))
            }
            let (first, firstAnswer) = try await api.call("POST", "cases/\(caseID)/measures/\(measures[0])/in-place", ["by": helper, "evidence": "已落实"])
            #expect(first == 200 && Self.field(firstAnswer, "clocksMet") as? Int == 0, "one risk still has no measure in place")
            let (second, secondAnswer) = try await api.call("POST", "cases/\(caseID)/measures/\(measures[1])/in-place", ["by": helper, "evidence": "已落实", "on": today])
            #expect(second == 200 && Self.field(secondAnswer, "clocksMet") as? Int == 1)

            let (checked, verdict) = try await api.call("POST", "cases/\(caseID)/elimination", ["by": secretary, "check": true])
            #expect(checked == 200 && Self.field(verdict, "allowed") as? Bool == false)
            let codes = (Self.field(verdict, "refusals") as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
            #expect(codes.contains("risk_not_stable"), "the signal was 3 days ago: \(codes)")
            let (shown, detail) = try await api.call("GET", "cases/\(caseID)")
            #expect(shown == 200 && Self.field(detail, "detail", "case", "stage") as? String == "monitored")
            #expect(((Self.field(detail, "timeline") as? [Any])?.count ?? 0) >= 10)
            #expect(try await api.call("GET", "cases/999999").0 == 404)
            #expect(try await api.call("GET", "cases?status=monitored&org=\(village)").1.map { ($0 as? [Any])?.count } == 1)
            let kinds = try await scene.value("SELECT string_agg(kind, ',' ORDER BY id) FROM case_events")
            #expect(kinds == "confirm_risk,decide_inclusion,decide_inclusion,decide_inclusion,assign_helper,record_plan,add_measure,add_measure,put_in_place,put_in_place",
                    "the refused calls wrote nothing")
        }
    }
}
