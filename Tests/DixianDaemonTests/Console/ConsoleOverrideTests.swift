#if canImport(Glibc)
import Glibc
#endif
import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// 插件 → 本部门配置 on a real `dixian serve`: a bureau edits its plugin's parameters in the form, sees the change
/// and next month's reminders, saves a pending version; the county office approves it; a second replica and
/// `dixian plugins show` follow; another sector's bureau is turned away; an override file makes the page read-only.
@Suite("Web console: a bureau edits, previews and saves its override; the county office approves; every replica follows", .serialized)
struct ConsoleOverrideTests {
    static let educationContact = "LC00010"
    static let healthContact = "LC00012"
    static let countyOffice = "LC00005"
    static let field = "p.send_teaching_visits_per_month"

    @Test("out of range shown at the field with the plugin's range, nothing stored; valid saved pending, approved, followed")
    func editPreviewApprove() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            _ = try await TestDatabase.withClient(endpoint) { client in try await ScheduleTestPlan.install(client: client) }
            let console = try await ConsoleDaemon.start(endpoint, name: "console-override", mail: false)
            defer { console.daemon.kill() }
            let bureau = try await ConsoleOverviewTests.signIn(Self.educationContact, endpoint, console.address)
            let base = "/console/plugins/education/override"
            #expect(try bureau.get("/console/plugins/education").body.contains(base), "the plugin page links 本部门配置")
            let page = try bureau.get(base)
            #expect(page.status == 200, "\(page.body.prefix(400))")
            #expect(page.body.contains(#"name="\#(Self.field)""#) && page.body.contains("范围 1 至 8") && page.body.contains("每月送教上门次数下限"))
            let csrf = try #require(page.csrf)

            // Out of range: the loader's own message next to the field, the range beside it, nothing stored.
            let refused = try bureau.post(base + "/preview", form: [("csrf", csrf), ("mode", "form"), (Self.field, "12")])
            #expect(refused.status == 422)
            let fieldError = try #require(refused.body.range(of: #"<p class="field-error" role="alert">"#), "\(refused.body.prefix(3000))")
            #expect(refused.body[fieldError.upperBound...].prefix(200).contains("8"), "the error names the range")
            #expect(refused.body.contains(#"value="12""#) && refused.body.contains("范围 1 至 8"))
            let none = try await Self.versions(endpoint)
            #expect(none == 0)

            // Valid: the review shows the parameter's change and both months of reminders; saving stores version 1.
            let review = try bureau.post(base + "/preview", form: [("csrf", csrf), ("mode", "form"), (Self.field, "3")])
            #expect(review.status == 200 && review.body.contains("检查通过") && review.body.contains("下月提醒预览"), "\(review.body.prefix(2000))")
            #expect(review.body.contains("<td>2次</td><td>3次</td>"), "the parameter's old and new value")
            #expect(review.body.contains("+  send_teaching_visits_per_month: 3"))
            let stillNone = try await Self.versions(endpoint)
            #expect(stillNone == 0, "a preview stores nothing")
            let text = try #require(Self.hiddenText(review.body))
            #expect(text == "format_version: 1\nparameters:\n  send_teaching_visits_per_month: 3\n")
            let saved = try bureau.post(base, form: [("csrf", csrf), ("text", text)])
            #expect(saved.status == 303 && saved.header("location") == base + "/versions/1?saved=1")
            let own = try bureau.get(base + "/versions/1")
            #expect(own.body.contains("待审批") && own.body.contains("本版本由您提交") && !own.body.contains(#"value="approve""#))
            let selfApproval = try bureau.post(base + "/versions/1/decision", form: [("csrf", csrf), ("decision", "approve")])
            let stillPending = try await Self.state(endpoint, 1)
            #expect(selfApproval.status == 403 && stillPending == "pending")

            // Another sector's bureau: 404 on every page and form of education's override.
            let health = try await ConsoleOverviewTests.signIn(Self.healthContact, endpoint, console.address)
            let healthCSRF = try #require(try health.get("/console/work").csrf)
            #expect(try health.get(base).status == 404)
            #expect(try health.get(base + "/versions/1").status == 404)
            #expect(try health.post(base + "/preview", form: [("csrf", healthCSRF), ("mode", "form"), (Self.field, "3")]).status == 404)
            #expect(try health.post(base + "/versions/1/decision", form: [("csrf", healthCSRF), ("decision", "approve")]).status == 404)
            #expect(!(try health.get("/console/plugins/education").body.contains(base)))

            // A second replica on the same database, then the county office's approval.
            let replica = try await ConsoleDaemon.start(endpoint, name: "console-override-2", mail: false)
            defer { replica.daemon.kill() }
            let office = try await ConsoleOverviewTests.signIn(Self.countyOffice, endpoint, console.address)
            let pending = try office.get(base + "/versions/1")
            #expect(pending.body.contains(#"value="approve""#) && pending.body.contains("下月提醒预览"), "the office reviews before deciding")
            let approved = try office.post(base + "/versions/1/decision", form: [("csrf", try #require(pending.csrf)), ("decision", "approve"), ("comment", "同意")])
            #expect(approved.status == 200 && approved.body.contains("已审批通过第 1 版"))
            let started = Date()
            #expect(await replica.daemon.waitForLog("数据库覆盖配置生效 (stored override in force)", timeout: .seconds(60)), "\(replica.daemon.excerpt)")
            print("second replica reloaded \(String(format: "%.2f", Date().timeIntervalSince(started))) s after the approval")
            #expect(await console.daemon.waitForLog("数据库覆盖配置生效 (stored override in force)", timeout: .seconds(60)))
            let replicas = try office.get(base).body
            let listed = replicas.components(separatedBy: "<dt>实例 ").dropFirst().map { $0.components(separatedBy: "</dd>")[0] }
            #expect(listed.count == 2 && listed.allSatisfy { $0.hasSuffix("</dt><dd>第 1 版") }, "both replicas listed on version 1: \(listed)")
            let ready = try #require(await HTTPProbe.get(replica.address, "/readyz")).body
            #expect(ready.contains(#""plugin_overrides":{"education":1}"#), "\(ready)")
            let shown = try await CommandResult.run(
                ["plugins", "show", "education", "--format", "json", "--config", replica.config], environment: ["DIXIAN_DATABASE_URL": endpoint.description])
            #expect(shown.status == 0, "\(shown.errorOutput)")
            #expect(Self.parameter(shown.output, "send_teaching_visits_per_month") == 3, "plugins show reads the approved version")
            let checked = try await CommandResult.run(["check", "--config", replica.config], environment: ["DIXIAN_DATABASE_URL": endpoint.description])
            #expect(checked.status == 0 && checked.output.contains("数据库覆盖配置 (stored overrides): education 第 1 版"), "\(checked.output)\(checked.errorOutput)")
            let filesOnly = try await CommandResult.run(
                ["plugins", "show", "education", "--format", "json", "--config", replica.config, "--stored-overrides", "no"],
                environment: ["DIXIAN_DATABASE_URL": endpoint.description])
            #expect(Self.parameter(filesOnly.output, "send_teaching_visits_per_month") == 2)

            // A second version, compared with the first, then the first restored as a third.
            let v2 = try bureau.post(base, form: [("csrf", csrf), ("text", text.replacingOccurrences(of: ": 3", with: ": 4"))])
            #expect(v2.status == 303)
            let compare = try office.get(base + "/compare?from=1&to=2")
            #expect(compare.body.contains("-  send_teaching_visits_per_month: 3") && compare.body.contains("+  send_teaching_visits_per_month: 4"))
            _ = try office.post(base + "/versions/2/decision", form: [("csrf", try Self.csrf(office)), ("decision", "reject"), ("comment", "暂缓")])
            let rejected = try await Self.state(endpoint, 2)
            #expect(rejected == "rejected")
            let restored = try office.post(base + "/versions/2/restore", form: [("csrf", try Self.csrf(office))])
            #expect(restored.status == 303 && restored.header("location") == base + "/versions/3?saved=1")
            let audit = try await ConsoleSignInTests.value(endpoint, """
                SELECT string_agg(action || ':' || (details->>'version'), ',' ORDER BY id) FROM audit_log
                 WHERE action LIKE 'plugin_override%' AND channel <> 'reload'
                """)
            #expect(audit == "plugin_override_proposed:1,plugin_override_approved:1,plugin_override_proposed:2,plugin_override_rejected:2,plugin_override_proposed:3")
            let diff = try await ConsoleSignInTests.value(endpoint, "SELECT details->>'diff' FROM audit_log WHERE action = 'plugin_override_approved'")
            #expect(diff == "+format_version: 1\n+parameters:\n+  send_teaching_visits_per_month: 3", "the approval's audit entry carries the diff")
            let rejectedDiff = try await ConsoleSignInTests.value(endpoint, "SELECT details->>'diff' FROM audit_log WHERE action = 'plugin_override_rejected'")
            #expect(rejectedDiff == "-  send_teaching_visits_per_month: 3\n+  send_teaching_visits_per_month: 4", "so does the rejection's, against the live version")
            let loaded = try await ConsoleSignInTests.value(endpoint, """
                SELECT count(*)::text FROM audit_log WHERE action = 'plugin_override_loaded' AND details->>'versions' = '{"education":1}'
                """)
            #expect(loaded == "2", "each replica's reload onto version 1 is audited")

            // An override file on the server: the page shows it read-only and takes no change.
            try FileManager.default.createDirectory(atPath: console.work + "/plugins.d", withIntermediateDirectories: true)
            try "format_version: 1\n".write(toFile: console.work + "/plugins.d/education.yaml", atomically: true, encoding: .utf8)
            console.daemon.send(SIGHUP)
            #expect(await console.daemon.waitForLog("plugins.d: 1 个文件", timeout: .seconds(60)), "\(console.daemon.excerpt)")
            let managed = try bureau.get(base)
            #expect(managed.body.contains("由服务器上的文件") && !managed.body.contains(#"name="mode""#), "\(managed.body.prefix(1500))")
            #expect(try bureau.post(base + "/preview", form: [("csrf", csrf), ("mode", "text"), ("text", text)]).status == 409)
            await replica.stop()
            await console.stop()
        }
    }

    @Test("a duty's reminders in the form: a bad offset at its field; a good one previewed with the duty marked changed")
    func dutyReminders() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            _ = try await TestDatabase.withClient(endpoint) { client in try await ScheduleTestPlan.install(client: client) }
            let console = try await ConsoleDaemon.start(endpoint, name: "console-override-duty", mail: false)
            defer { console.daemon.kill() }
            let bureau = try await ConsoleOverviewTests.signIn(Self.educationContact, endpoint, console.address)
            let base = "/console/plugins/education/override"
            let page = try bureau.get(base)
            let field = "d.send_teaching_visits.reminders"
            #expect(page.body.contains(#"name="\#(field)" type="text" value="-5d@09:00, -1d@09:00""#), "the running reminders fill the field")
            let csrf = try #require(page.csrf)

            let bad = try bureau.post(base + "/preview", form: [("csrf", csrf), ("mode", "form"), (field, "-3x")])
            #expect(bad.status == 422)
            let around = try #require(bad.body.range(of: #"name="\#(field)""#), "\(bad.body.prefix(500))")
            let after = bad.body[around.upperBound...].prefix(400)
            #expect(after.contains(#"value="-3x""#) && after.contains(#"<p class="field-error" role="alert">"#), "the error under the field: \(after)")
            #expect(bad.body.contains("<details open><summary>送教上门（每半月一期）</summary>"), "the duty's section opens on its error")

            let good = try bureau.post(base + "/preview", form: [("csrf", csrf), ("mode", "form"), (field, "-3d@10:00"), (Self.field, "2")])
            #expect(good.status == 200 && good.body.contains("设置有变化的任务：送教上门（每半月一期）"), "\(good.body.prefix(3000))")
            let text = try #require(Self.hiddenText(good.body))
            #expect(text == "format_version: 1\nduties:\n  send_teaching_visits:\n    reminders: [\"-3d@10:00\"]\n", "an unchanged parameter writes nothing: \(text)")
            await console.stop()
        }
    }

    static func csrf(_ client: ConsoleClient) throws -> String {
        try #require(try client.get("/console/work").csrf)
    }

    /// How many versions education's override has.
    static func versions(_ endpoint: DatabaseEndpoint) async throws -> Int {
        Int(try await ConsoleSignInTests.value(endpoint, "SELECT count(*)::text FROM plugin_overrides WHERE plugin_id = 'education'") ?? "") ?? -1
    }

    static func state(_ endpoint: DatabaseEndpoint, _ version: Int) async throws -> String? {
        try await ConsoleSignInTests.value(endpoint, "SELECT state FROM plugin_overrides WHERE plugin_id = 'education' AND version = \(version)")
    }

    /// The review page's hidden `text`, unescaped.
    static func hiddenText(_ html: String) -> String? {
        guard let start = html.range(of: #"<input type="hidden" name="text" value=""#), let end = html[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return html[start.upperBound..<end].replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A parameter's value in `plugins show --format json`.
    static func parameter(_ json: String, _ name: String) -> Int? {
        guard let plugin = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let parameters = plugin["parameters"] as? [[String: Any]] else { return nil }
        return parameters.first { $0["name"] as? String == name }?["value"] as? Int
    }
}
