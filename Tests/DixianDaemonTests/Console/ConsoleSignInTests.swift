import DixianDaemon
import DixianStore
import DixianTestSupport
import Foundation
import PostgresNIO
import Testing

/// The web console of a real `dixian serve`: sign-in by an emailed link, 我的工作, confirming a duty, scoping and
/// CSRF, sign-out everywhere, and the operator's `dixian console link`.
@Suite("Web console: sign-in by email link and my work, end to end")
struct ConsoleSignInTests {
    @Test("a cadre signs in through the maildir's link, sees and confirms their own duty; foreign ids are 404, forms without CSRF 403")
    func signInAndConfirm() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let plan = try await TestDatabase.withClient(endpoint) { client in try await ScheduleTestPlan.install(client: client) }
            // The demo county's first village cadre has no email of their own: the test gives them one.
            let email = "cadre-\(plan.cadreID.lowercased())@lanchuan.gov.invalid"
            _ = try await Self.value(endpoint, "UPDATE officials SET email = '\(email)' WHERE id = '\(plan.cadreID)' RETURNING id")
            let console = try await ConsoleDaemon.start(endpoint, name: "console", mail: true)
            defer { console.daemon.kill() }
            let (address, config) = (console.address, console.config)
            let browser = ConsoleClient(address)

            let home = try browser.get("/console")
            #expect(home.status == 303 && home.header("Location") == "/console/sign-in")
            let form = try browser.get("/console/sign-in")
            #expect(form.status == 200)
            #expect(form.body.contains("登录工作台"))
            Self.expectSecurityHeaders(form)
            let csrf = try #require(form.csrf)
            #expect(browser.cookies["console_csrf"] == csrf)

            let forged = try browser.post("/console/sign-in", form: [("email", email)])
            #expect(forged.status == 403, "no CSRF token")
            let unknown = try browser.post("/console/sign-in", form: [("csrf", csrf), ("email", "nobody@example.invalid")])
            let known = try browser.post("/console/sign-in", form: [("csrf", csrf), ("email", email.uppercased())])
            #expect(unknown.status == 200 && known.status == 200)
            #expect(unknown.body.contains("如果该邮箱已在组织架构中登记") && known.body.contains("如果该邮箱已在组织架构中登记"))
            #expect(try await Self.value(endpoint, "SELECT count(*)::text FROM console_sign_in_links") == "1", "only the registered address gets a link")
            #expect(try await Self.value(endpoint, "SELECT count(*)::text FROM outbox WHERE step = 'console_sign_in'") == "1")

            // The link arrives through the dispatcher and the maildir, as any email does.
            let mail = console.maildir
            var linkPath: String?
            let deadline = ContinuousClock.now + .seconds(60)
            while linkPath == nil, ContinuousClock.now < deadline {
                let messages = await decodedMaildirMessages(in: mail)
                linkPath = messages.first { $0.contains("登录链接") }.flatMap(Self.signInPath)
                if linkPath == nil { try await Task.sleep(for: .milliseconds(300)) }
            }
            let path = try #require(linkPath, "no sign-in email; log:\n\(console.daemon.excerpt)")

            let linkPage = try browser.get(path)
            #expect(linkPage.status == 200 && linkPage.body.contains("登录"))
            #expect(try await Self.value(endpoint, "SELECT count(*)::text FROM console_sign_in_links WHERE used_at IS NULL") == "1",
                    "GET must not use the link")
            let signedIn = try browser.post(path, form: [("csrf", try #require(linkPage.csrf))])
            #expect(signedIn.status == 303 && signedIn.header("Location") == "/console/work")
            // Attributes come in any order (Hummingbird keeps them in a dictionary).
            let cookie = try #require(signedIn.headers("Set-Cookie").first { $0.hasPrefix("console_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.split(separator: ";").contains { $0.trimmingCharacters(in: .whitespaces) == "Path=/" })
            #expect(!cookie.contains("Secure"), "the base URL is http")

            let again = ConsoleClient(address)
            let againForm = try again.get(path)
            #expect(try again.post(path, form: [("csrf", try #require(againForm.csrf))]).status == 403, "a link works once")

            let page = try browser.get("/console/work")
            #expect(page.status == 200)
            #expect(page.body.contains("我的工作"))
            #expect(page.body.contains("id=\"o\(plan.openID)\"") && page.body.contains("id=\"o\(plan.overdueID)\""))
            #expect(page.body.contains("已逾期"))
            #expect(!page.body.contains("id=\"o\(plan.notYetOpenID)\""), "not open yet")
            #expect(!page.body.contains("id=\"o\(plan.otherTownID)\""), "another town's duty")
            let session = try #require(page.csrf)

            let foreign = try browser.post("/console/occurrences/\(plan.otherTownID)/done", form: [("csrf", session)])
            #expect(foreign.status == 404)
            #expect(try browser.post("/console/occurrences/999999999/done", form: [("csrf", session)]).status == 404)
            #expect(try await Self.status(plan.otherTownID, endpoint) == "open")
            let noToken = try browser.post("/console/occurrences/\(plan.openID)/done", form: [("achieved", "12")])
            #expect(noToken.status == 403)
            #expect(try await Self.status(plan.openID, endpoint) == "open")

            let done = try browser.post("/console/occurrences/\(plan.openID)/done", form: [("csrf", session), ("achieved", "12"), ("note", "已走访")])
            #expect(done.status == 303 && done.header("Location") == "/console/work?done=\(plan.openID)")
            #expect(try await Self.status(plan.openID, endpoint) == "done")
            #expect(try await Self.value(endpoint, "SELECT completion_channel || ' ' || completed_by FROM occurrences WHERE id = \(plan.openID)")
                    == "console \(plan.cadreID)")
            let after = try browser.get("/console/work?done=\(plan.openID)")
            #expect(after.body.contains("已确认完成") && !after.body.contains("id=\"o\(plan.openID)\""))

            #expect(try browser.post("/console/sign-out-everywhere", form: [("csrf", session)]).status == 303)
            #expect(try browser.get("/console/work").header("Location") == "/console/sign-in")
            #expect(try await Self.value(endpoint, "SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE channel = 'console'")
                    == "console_link_issued,console_signed_in,done,console_signed_out_everywhere")

            // The operator's link for a first sign-in.
            let cli = try await CommandResult.run(
                ["console", "link", plan.cadreID, "--config", config], environment: ["DIXIAN_DATABASE_URL": endpoint.description])
            #expect(cli.status == 0, "\(cli.errorOutput)")
            let operatorPath = try #require(Self.signInPath(cli.output))
            let desk = ConsoleClient(address)
            let deskForm = try desk.get(operatorPath)
            #expect(try desk.post(operatorPath, form: [("csrf", try #require(deskForm.csrf))]).status == 303)
            #expect(try desk.get("/console/work").status == 200)
            let unknownOfficial = try await CommandResult.run(
                ["console", "link", "NOBODY", "--config", config], environment: ["DIXIAN_DATABASE_URL": endpoint.description])
            #expect(unknownOfficial.status == 1 && unknownOfficial.errorOutput.contains("没有在岗的干部"))

            let style = try browser.get("/console/static/console.css")
            #expect(style.status == 200 && style.header("Content-Type")?.hasPrefix("text/css") == true)
            #expect(style.header("Cache-Control")?.contains("immutable") == true)
            await console.stop()
        }
    }

    static func expectSecurityHeaders(_ answer: ConsoleClient.Answer) {
        let policy = answer.header("Content-Security-Policy") ?? ""
        #expect(policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline"))
        #expect(answer.header("X-Content-Type-Options") == "nosniff")
        #expect(answer.header("Referrer-Policy") == "no-referrer")
        #expect(answer.header("Cache-Control") == "no-store")
    }

    /// The path of the first sign-in link in `text`.
    static func signInPath(_ text: String) -> String? {
        guard let range = text.range(of: "/console/sign-in/[0-9a-f]{64}", options: .regularExpression) else { return nil }
        return String(text[range])
    }

    static func value(_ endpoint: DatabaseEndpoint, _ sql: String) async throws -> String? {
        try await TestDatabase.withClient(endpoint) { client in
            for try await value in try await client.query(PostgresQuery(unsafeSQL: sql), logger: TestDatabase.logger).decode(String?.self) {
                return value
            }
            return nil
        }
    }

    static func status(_ id: Int64, _ endpoint: DatabaseEndpoint) async throws -> String? {
        try await value(endpoint, "SELECT status FROM occurrences WHERE id = \(id)")
    }
}
