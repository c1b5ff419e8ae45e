import DixianTestSupport
import Foundation
import Testing

extension MonitoringScenarioTests {
    /// `case show --format json` on the rehearsal clock.
    static func caseJSON(_ scene: Scene, _ caseNumber: String, day: Int) async throws -> [String: Any] {
        let shown = try await scene.run(["case", "show", caseNumber, "--format", "json"], day: day)
        try #require(shown.status == 0, "\(shown.output)\(shown.errorOutput)")
        return try #require(try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [String: Any])
    }

    static func email(_ scene: Scene, _ official: String) async throws -> String {
        try #require(try await scene.value("SELECT email FROM officials WHERE id = '\(official)'"), "\(official) has no email")
    }

    /// Runs the daemon on the rehearsal clock from `day` 10:00 until the maildir holds what `done` looks for
    /// (each message: To, subject and text parts, as `decodedMaildirMessages` reads them), then stops it.
    static func dispatch(_ scene: Scene, atDay day: Int, until done: @escaping @Sendable ([String]) -> Bool) async throws {
        let daemon = try DaemonProcess(
            ["serve", "--config", scene.config, "--state-dir", scene.work + "/var", "--clock-start", instant(day: day)],
            logPath: scene.work + "/serve-day\(day).log", workingDirectory: root)
        defer {
            daemon.send(SIGTERM)
            daemon.process.waitUntilExit()
        }
        let arrived = await poll(timeout: .seconds(600)) {
            done(await decodedMaildirMessages(in: scene.work + "/mail", recipients: true))
        }
        #expect(arrived, "the escalation never reached the maildir; log:\n\(daemon.excerpt)")
    }
}
