import Crypto
import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// 佐证材料 uploaded in the console of a real `dixian serve`: stored byte for byte with its audit entry, fetched
/// back as a download, and every refused upload (another town's problem, no token, too large, not a form, no
/// file) stores nothing.
@Suite("Web console: evidence upload to a rectification problem, end to end")
struct ConsoleEvidenceTests {
    static let boundary = "----WebKitFormBoundaryQ3xLw7cZ9dRk2mNp"

    /// A body as a browser sends the upload form.
    static func body(csrf: String?, fileName: String, content: [UInt8]) -> [UInt8] {
        var head = ""
        if let csrf { head += "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n" }
        head += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: image/jpeg\r\n\r\n"
        return Array(head.utf8) + content + Array("\r\n--\(boundary)--\r\n".utf8)
    }

    @Test("a cadre uploads a photo to their village's problem; refusals store nothing; the file comes back as an attachment")
    func upload() async throws {
        try await TestDatabase.withFreshDatabase { endpoint in
            let plan = try await TestDatabase.withClient(endpoint) { client in try await ScheduleTestPlan.install(client: client) }
            let console = try await ConsoleDaemon.start(endpoint, name: "console-evidence", mail: false)
            defer { console.daemon.kill() }
            let fixture = try await ConsoleCaseFixture.make(endpoint, plan)
            let village = try #require(try await ConsoleSignInTests.value(endpoint, "SELECT org_unit_code FROM officials WHERE id = '\(plan.cadreID)'"))
            let otherVillage = try #require(try await ConsoleSignInTests.value(endpoint, "SELECT org_unit_code FROM officials WHERE id = '\(fixture.otherCadreID)'"))
            try await console.addLedgerProblem(unit: village, problem: "适龄儿童未入学", endpoint)
            try await console.addLedgerProblem(unit: otherVillage, problem: "另一乡镇的问题", endpoint)
            let cadre = try await ConsoleOverviewTests.signIn(plan.cadreID, endpoint, console.address)
            let page = try cadre.get("/console/ledger/WT00000001")
            #expect(page.body.contains("enctype=\"multipart/form-data\"") && page.body.contains("action=\"/console/ledger/WT00000001/evidence\""))
            let csrf = try #require(page.csrf)
            let type = "multipart/form-data; boundary=\(Self.boundary)"
            // A JPEG's first bytes, a line break and a near-delimiter inside: content, not structure.
            let photo: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array("\r\n--\(Self.boundary.dropLast())\r\n".utf8) + (0..<4096).map { UInt8($0 % 251) }
            let count = { try await ConsoleSignInTests.value(endpoint, "SELECT count(*)::text FROM ledger_evidence") }

            let refusals: [(String, String, [UInt8], Int)] = [
                ("another town's problem", "/console/ledger/WT00000002/evidence", Self.body(csrf: csrf, fileName: "a.jpg", content: photo), 404),
                ("no token", "/console/ledger/WT00000001/evidence", Self.body(csrf: nil, fileName: "a.jpg", content: photo), 403),
                ("a wrong token", "/console/ledger/WT00000001/evidence", Self.body(csrf: String(repeating: "0", count: 64), fileName: "a.jpg", content: photo), 403),
                ("no closing delimiter", "/console/ledger/WT00000001/evidence", Array(Self.body(csrf: csrf, fileName: "a.jpg", content: photo).dropLast(8)), 403),
                ("an empty file", "/console/ledger/WT00000001/evidence", Self.body(csrf: csrf, fileName: "a.jpg", content: []), 400),
                ("over 10 MiB", "/console/ledger/WT00000001/evidence", Self.body(csrf: csrf, fileName: "a.jpg", content: Array(repeating: 7, count: LedgerStore.evidenceLimit + 1)), 413),
            ]
            for (label, path, body, status) in refusals {
                #expect(try cadre.post(path, contentType: type, body: body).status == status, "\(label)")
            }
            #expect(try cadre.post("/console/ledger/WT00000001/evidence", form: [("csrf", csrf)]).status == 403, "not multipart")
            let none = try await count()
            #expect(none == "0", "nothing stored by a refused upload")

            // The file name carries an ID number (a household's 身份证 photo named after it): masked wherever it is shown.
            let name = "户主110101199003077777身份证.jpg"
            let uploaded = try cadre.post("/console/ledger/WT00000001/evidence", contentType: type, body: Self.body(csrf: csrf, fileName: name, content: photo))
            #expect(uploaded.status == 200 && uploaded.body.contains("已上传"), "\(uploaded.body.prefix(400))")
            #expect(!uploaded.body.contains("110101199003077777"), "the ID number is masked on the page")
            let sha256 = SHA256.hash(data: photo).map { String(format: "%02x", $0) }.joined()
            #expect(try await ConsoleSignInTests.value(endpoint, """
                SELECT e.sha256 || ' ' || e.size_bytes || ' ' || e.content_type || ' ' || e.added_by FROM ledger_evidence e
                """) == "\(sha256) \(photo.count) image/jpeg \(plan.cadreID)")
            #expect(try await ConsoleSignInTests.value(endpoint, "SELECT channel FROM audit_log WHERE action = 'ledger.evidence'") == "console")
            let again = try cadre.post("/console/ledger/WT00000001/evidence", contentType: type, body: Self.body(csrf: csrf, fileName: "again.jpg", content: photo))
            let stored = try await count()
            #expect(again.status == 200 && stored == "1", "the same content is kept once")

            let id = try #require(try await ConsoleSignInTests.value(endpoint, "SELECT id::text FROM ledger_evidence"))
            let file = try cadre.get("/console/ledger/WT00000001/evidence/\(id)")
            #expect(file.status == 200 && file.bytes == photo, "the stored bytes come back")
            let disposition = try #require(file.header("Content-Disposition"))
            #expect(disposition.hasPrefix("attachment;") && !disposition.contains("110101199003077777"), "\(disposition)")
            #expect(file.header("X-Content-Type-Options") == "nosniff")
            #expect(try cadre.get("/console/ledger/WT00000001/evidence/999999").status == 404)
            #expect(try cadre.get("/console/ledger/WT00000002/evidence/\(id)").status == 404, "another town's problem")
            let other = try await ConsoleOverviewTests.signIn(fixture.otherCadreID, endpoint, console.address)
            #expect(try other.get("/console/ledger/WT00000001/evidence/\(id)").status == 404, "outside the other cadre's village")
            await console.stop()
        }
    }
}
