import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// 本部门配置 in Chromium at 360 px: `Tests/Browser/override_walkthrough.py` edits a parameter out of range and within
/// it, previews, saves, and approves as the county office. Screenshots go to `.build/test-output/override-browser/`.
@Suite("Web console in Chromium: a bureau edits, previews and saves its override; the county office approves")
struct ConsoleOverrideBrowserTests {
    struct Seen: Decodable {
        var page_title: String
        var page_fits_phone: Bool
        var refused_status: Int?
        var field_errors: [String]
        var refused_value: String
        var range_shown: Bool
        var review_heading: String
        var review_changes: [[String]]
        var review_has_preview: Bool
        var review_fits_phone: Bool
        var saved_path: String
        var saved_notice: String
        var office_sees_preview: Bool
        var approved_notice: String
        var approved_facts: [String]
    }

    @Test("edit → preview → save → approve, each step seen in the browser and in the database")
    func editPreviewApprove() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            _ = try await TestDatabase.withClient(endpoint) { client in try await ScheduleTestPlan.install(client: client) }
            let links = try await TestDatabase.withClient(endpoint) { client in
                let store = ConsoleStore(client: client, logger: TestDatabase.logger)
                var links: [String] = []
                for id in [ConsoleOverrideTests.educationContact, ConsoleOverrideTests.countyOffice] {
                    links.append(try await store.issueSignInLink(officialIDs: [id], at: Date(), lifetime: 900, actor: "test", channel: "cli").value)
                }
                return links
            }
            let console = try await ConsoleDaemon.start(endpoint, name: "override-browser", mail: false)
            defer { console.daemon.kill() }
            let shots = DixianBinary.packageRoot + "/.build/test-output/override-browser"
            struct Input: Encodable {
                var base, bureau_link, office_link, shots: String
            }
            let input = try JSONEncoder().encode(Input(
                base: "http://" + console.address, bureau_link: "/console/sign-in/\(links[0])", office_link: "/console/sign-in/\(links[1])", shots: shots))
            let script = try String(contentsOfFile: DixianBinary.packageRoot + "/Tests/Browser/override_walkthrough.py", encoding: .utf8)
            let output = try await PythonInterpreter.run(script, input: input)
            let seen = try JSONDecoder().decode(Seen.self, from: output)

            #expect(seen.page_title.hasPrefix("本部门配置") && seen.page_fits_phone)
            // Out of range: 422, the loader's message at the field, the value kept, the range shown; nothing stored.
            #expect(seen.refused_status == 422 && seen.field_errors.count == 1 && seen.field_errors[0].contains("8"), "\(seen.field_errors)")
            #expect(seen.refused_value == "12" && seen.range_shown)
            // The preview: the parameter's old and new value, next month's reminders, on a phone.
            #expect(seen.review_heading.hasPrefix("检查通过") && seen.review_has_preview && seen.review_fits_phone)
            #expect(seen.review_changes.contains(["每月送教上门次数下限", "2次", "3次"]), "\(seen.review_changes)")
            #expect(seen.saved_path == "/console/plugins/education/override/versions/1?saved=1" && seen.saved_notice.contains("等待县乡村振兴局审批"))
            // The county office reviews the same preview and approves; the daemon reloads with version 1.
            #expect(seen.office_sees_preview && seen.approved_notice.contains("已审批通过第 1 版"), "\(seen.approved_notice)")
            #expect(seen.approved_facts.contains("同意，按新下限筛查"))
            #expect(try await ConsoleSignInTests.value(endpoint, """
                SELECT state || ' ' || created_by || ' ' || created_channel || ' ' || decided_by FROM plugin_overrides WHERE plugin_id = 'education'
                """) == "approved \(ConsoleOverrideTests.educationContact) console \(ConsoleOverrideTests.countyOffice)")
            #expect(await console.daemon.waitForLog("数据库覆盖配置生效 (stored override in force)", timeout: .seconds(60)))
            for name in ["01-override-360px", "02-out-of-range", "03-preview", "04-saved", "05-approved"] {
                #expect(FileManager.default.fileExists(atPath: "\(shots)/\(name).png"), "screenshot \(name)")
            }
            await console.stop()
        }
    }
}
