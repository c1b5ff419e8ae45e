import DixianCore
import DixianDirectory
import DixianTestSupport
import Foundation
import Testing

/// Issue 12's acceptance on the embedded default: `dixian serve` on a fresh state directory imports the demo
/// register and sector data, screens, and each alert's verification reminder reaches the maildir at once; the
/// email masks ID numbers and the chat text carries neither names nor ID numbers.
@Suite("Demo county: serve raises alerts", .serialized)
struct DemoScreeningTests {
    @Test("alerts, their verification occurrences and reminders, masked in email, anonymous in chat")
    func demoRaisesAlerts() async throws {
        let work = try makeWorkDirectory("demo-screening")
        let state = work + "/var"
        // A weekday morning on the virtual clock, so the opening reminders fall inside the delivery window.
        let daemon = try DaemonProcess(
            ["serve", "--state-dir", state, "--listen", "127.0.0.1:0", "--clock-start", "2026-12-02T10:00:00+08:00"],
            environment: ["DIXIAN_DEMO_DATA": "on"], logPath: work + "/daemon.log", workingDirectory: DixianBinary.packageRoot)
        defer {
            daemon.kill()
            _ = try? CommandResult.runBlocking(["db", "stop", "--state-dir", state])
        }
        let imported = await daemon.waitForLog("数据已导入 (data imported)", timeout: .seconds(600))
        #expect(imported, "log:\n\(daemon.excerpt)")
        // The import runs beside the services: the daemon listened before the first file was in.
        let listening = try #require(daemon.log.range(of: "HTTP listening"), "log:\n\(daemon.excerpt)")
        let firstFile = try #require(daemon.log.range(of: "数据已导入 (data imported)"))
        #expect(listening.lowerBound < firstFile.lowerBound)
        #expect(daemon.log.contains("swift run dixian console link \(DemoCounty.countyOfficeID)"), "the README's run command says how to sign in")
        let reminded = await poll(timeout: .seconds(600)) {
            // Every few seconds: each look starts Python over the whole maildir.
            try? await Task.sleep(for: .seconds(3))
            let messages = await Self.decodedMessages(in: state + "/mail")
            return messages.contains { $0.contains("返贫致贫风险预警核实") }
        }
        #expect(reminded, "no verification reminder in the maildir; log:\n\(daemon.excerpt)")

        // The credit bureau's file is imported first, so its alerts' clocks have started by the first reminder.
        let list = try await CommandResult.run(
            ["alert", "list", "--rule", "eligible_not_lent", "--limit", "5", "--format", "json", "--state-dir", state])
        #expect(list.status == 0, "\(list.errorOutput)")
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]])
        #expect(alerts.count == 5)
        // Each alert has started its verification clock, whose occurrence the village secretary must confirm.
        #expect(alerts.allSatisfy { ($0["clockID"] as? Int ?? 0) > 0 }, "\(alerts)")
        let duties = try await CommandResult.run(
            ["duty", "list", "--duty", "governance.alert_verification", "--format", "json", "--state-dir", state])
        let occurrences = try #require(try JSONSerialization.jsonObject(with: Data(duties.output.utf8)) as? [[String: Any]])
        #expect(occurrences.count >= 5, "\(duties.errorOutput)")

        let idNumber = #"(?<!\d)\d{17}[\dXx](?!\d)"#
        let emails = await Self.decodedMessages(in: state + "/mail").filter { $0.contains("返贫致贫风险预警核实") }
        #expect(!emails.isEmpty)
        for body in emails {
            #expect(body.range(of: idNumber, options: .regularExpression) == nil, "an ID in full: \(body.prefix(400))")
        }
        // An alert about a person in the register names the household, masked; one about a water works, or a
        // person the register lacks, has no household to name.
        #expect(emails.contains { $0.contains("****") }, "no household shown masked in \(emails.count) emails")
        let chats = await Self.decodedMessages(in: state + "/chat")
        #expect(!chats.isEmpty, "chat messages went out")
        let names = try Self.registerNames()
        let lengths = Set(names.map(\.count)).sorted()
        for chat in chats {
            #expect(chat.range(of: idNumber, options: .regularExpression) == nil, "an ID in chat: \(chat.prefix(300))")
            #expect(Self.firstName(of: names, lengths: lengths, in: chat) == nil, "a household member's name in chat: \(chat.prefix(300))")
        }

        // Issue 13: after the import, a few cases at every stage of the procedure.
        let seeded = await daemon.waitForLog("demo cases seeded", timeout: .seconds(600))
        #expect(seeded, "log:\n\(daemon.excerpt)")
        let cases = try await CommandResult.run(["case", "list", "--format", "json", "--state-dir", state])
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(cases.output.utf8)) as? [[String: Any]], "\(cases.errorOutput)")
        let stages = Set(listed.compactMap { $0["stage"] as? String })
        #expect(stages.isSuperset(of: ["inclusion_proposed", "monitored", "elimination_proposed", "eliminated"]), "\(stages)")
        #expect(listed.contains { $0["safetyNet"] as? Bool == true }, "a 兜底保障户")
        let defects = try await CommandResult.run(["case", "defects", "--format", "json", "--state-dir", state])
        #expect(defects.output.contains("clock_overdue"), "the demo's overdue 10-day clock: \(defects.output.prefix(500))")

        // Issue 19: the running demo daemon's /metrics, after delivering and screening, passes Prometheus' linter.
        let address = try #require(await daemon.httpAddress(timeout: .seconds(60)))
        let metrics = try #require(await HTTPProbe.get(address, "/metrics")).body
        #expect(metrics.contains("# HELP dixian_notify_sent_total"), "swift-metrics families carry help")
        let linted = try await Promtool.checkMetrics(metrics)
        #expect(linted.status == 0 && linted.output.isEmpty, "promtool check metrics: \(linted.output)")
        try await Self.checkWorkFigures(address: address, state: state)
    }

    /// The messages of a maildir's `new/`, subject and text parts decoded by Python's email package.
    static func decodedMessages(in maildir: String) async -> [String] {
        await decodedMaildirMessages(in: maildir)
    }

    /// The first of `names` (whose lengths are `lengths`) that occurs in `text`, by looking up each substring of a
    /// name's length in the set. Asking `text.contains` for each of 30,000 names, in every one of a few hundred
    /// chats, kept the debug build busy for many minutes, and under CI's load for longer than CI waits.
    static func firstName(of names: Set<String>, lengths: [Int], in text: String) -> String? {
        let characters = Array(text)
        for start in characters.indices {
            for length in lengths where start + length <= characters.count {
                let candidate = String(characters[start..<start + length])
                if names.contains(candidate) { return candidate }
            }
        }
        return nil
    }

    /// Every full name of the demo register (two characters or more).
    static func registerNames() throws -> Set<String> {
        let text = try String(contentsOfFile: DixianBinary.packageRoot + "/config/demo/register/persons.csv", encoding: .utf8)
        return Set(text.components(separatedBy: "\r\n").dropFirst().compactMap { line in
            let cells = line.components(separatedBy: ",")
            return cells.count > 2 && cells[2].count >= 2 ? cells[2] : nil
        })
    }
}
