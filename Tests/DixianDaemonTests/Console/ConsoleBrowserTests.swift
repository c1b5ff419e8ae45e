import Crypto
import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// The console in a real browser (Debian's Chromium, headless, through chromium-driver and selenium):
/// `Tests/Browser/console_walkthrough.py` signs in through the emailed link, confirms a duty, tries another
/// village's occurrence and a form without its token, and reads the county's overview against the JSON API.
/// Screenshots go to `.build/test-output/console-browser/`.
@Suite("Web console in Chromium: sign in by email, confirm a duty, 404 and 403, the overview against the API")
struct ConsoleBrowserTests {
    struct Seen: Decodable {
        var start_path: String
        var requested: String
        var mail_subject: String
        var after_sign_in: String
        var work_title: String
        var work_fits_phone: Bool
        var after_confirm: String
        var confirm_notice: String
        var foreign_heading: String
        var foreign_status: Int?
        var no_csrf_heading: String
        var no_csrf_status: Int?
        var overview_fits_phone: Bool
        var overview_rows: Int
        var overview_unit: String
        var overview_mismatches: [String]
        var overview_due_total: Int
        var evidence_notice: String
        var evidence_status: Int?
    }

    @Test("a village cadre at 360 px, then the county office: every step seen in the browser and in the database")
    func walkthrough() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let plan = try await TestDatabase.withClient(endpoint) { client in try await ScheduleTestPlan.install(client: client) }
            let email = "browser-\(plan.cadreID.lowercased())@lanchuan.gov.invalid"
            _ = try await ConsoleSignInTests.value(endpoint, "UPDATE officials SET email = '\(email)' WHERE id = '\(plan.cadreID)' RETURNING id")
            let officeLink = try await TestDatabase.withClient(endpoint) { client in
                try await ConsoleStore(client: client, logger: TestDatabase.logger).issueSignInLink(
                    officialIDs: ["LC00005"], at: Date(), lifetime: 900, actor: "test", channel: "cli")
            }
            let console = try await ConsoleDaemon.start(endpoint, name: "console-browser", mail: true)
            defer { console.daemon.kill() }
            let shots = DixianBinary.packageRoot + "/.build/test-output/console-browser"
            let village = try #require(try await ConsoleSignInTests.value(endpoint, "SELECT org_unit_code FROM officials WHERE id = '\(plan.cadreID)'"))
            try await console.addLedgerProblem(unit: village, problem: "适龄儿童未入学", endpoint)
            // A photo's first bytes, line breaks and every byte value: the browser's multipart encoding must keep them.
            let photo = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x0D, 0x0A, 0x2D, 0x2D] + (0..<20_000).map { UInt8($0 % 256) })
            let upload = console.work + "/整改照片 一.jpg"
            try photo.write(to: URL(fileURLWithPath: upload))
            struct Input: Encodable {
                var base, email, maildir, office_link, shots, problem, upload: String
                var occurrence, unconfirmed, foreign: Int64
            }
            let input = try JSONEncoder().encode(Input(
                base: "http://" + console.address, email: email, maildir: console.maildir, office_link: "/console/sign-in/\(officeLink.value)",
                shots: shots, problem: "WT00000001", upload: upload, occurrence: plan.openID, unconfirmed: plan.overdueID, foreign: plan.otherTownID))
            let script = try String(contentsOfFile: DixianBinary.packageRoot + "/Tests/Browser/console_walkthrough.py", encoding: .utf8)
            let output = try await PythonInterpreter.run(script, input: input)
            let seen = try JSONDecoder().decode(Seen.self, from: output)

            // 1. Signed in through the emailed link.
            #expect(seen.start_path == "/console/sign-in")
            #expect(seen.requested.contains("如果该邮箱已在组织架构中登记"))
            #expect(seen.mail_subject.contains("登录"))
            #expect(seen.after_sign_in == "/console/work")
            // 2–3. 我的工作 fits a phone, and the duty confirmed there is done in the database, by the cadre.
            #expect(seen.work_title.hasPrefix("我的工作") && seen.work_fits_phone)
            #expect(seen.after_confirm == "/console/work?done=\(plan.openID)" && seen.confirm_notice.contains("已确认完成"))
            #expect(try await ConsoleSignInTests.value(endpoint, """
                SELECT status || ' ' || completion_channel || ' ' || completed_by || ' ' || note FROM occurrences WHERE id = \(plan.openID)
                """) == "done console \(plan.cadreID) 浏览器测试：已走访")
            // 4. Another village's occurrence.
            #expect(seen.foreign_status == 404 && seen.foreign_heading == "未找到")
            // 5. Without the CSRF token: refused, still open.
            #expect(seen.no_csrf_heading == "无法提交" && seen.no_csrf_status == 403)
            #expect(try await ConsoleSignInTests.status(plan.overdueID, endpoint) == "open")
            // Evidence uploaded by Chromium's own multipart/form-data: stored byte for byte, under its Chinese name.
            #expect(seen.evidence_status == 200 && seen.evidence_notice.contains("已上传"), "\(seen.evidence_notice)")
            let sha256 = SHA256.hash(data: photo).map { String(format: "%02x", $0) }.joined()
            #expect(try await ConsoleSignInTests.value(endpoint, """
                SELECT file_name || ' ' || size_bytes || ' ' || sha256 || ' ' || added_by FROM ledger_evidence
                """) == "整改照片 一.jpg \(photo.count) \(sha256) \(plan.cadreID)")
            // 6. The overview's table equals the API's figures, row by row.
            #expect(seen.overview_unit == "岚川县" && seen.overview_rows >= 12 && seen.overview_mismatches.isEmpty, "\(seen.overview_unit) \(seen.overview_rows) \(seen.overview_mismatches)")
            #expect(seen.overview_due_total > 0 && seen.overview_fits_phone)
            for name in ["01-sign-in", "03-work-360px", "04-confirmed", "07-evidence-uploaded", "08-overview-360px", "09-overview-desktop"] {
                #expect(FileManager.default.fileExists(atPath: "\(shots)/\(name).png"), "screenshot \(name)")
            }
            await console.stop()
        }
    }
}
