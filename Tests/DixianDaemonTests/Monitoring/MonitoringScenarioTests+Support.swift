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
    /// (each message: To, Subject and text parts, decoded by Python's email package), then stops it.
    static func dispatch(_ scene: Scene, atDay day: Int, until done: @escaping @Sendable ([String]) -> Bool) async throws {
        let daemon = try DaemonProcess(
            ["serve", "--config", scene.config, "--state-dir", scene.work + "/var", "--clock-start", instant(day: day)],
            logPath: scene.work + "/serve-day\(day).log", workingDirectory: root)
        defer {
            daemon.send(SIGTERM)
            daemon.process.waitUntilExit()
        }
        let arrived = await poll(timeout: .seconds(120)) {
            done((try? await offCooperativePool { messages(in: scene.work + "/mail") }) ?? [])
        }
        #expect(arrived, "the escalation never reached the maildir; log:\n\(daemon.log.suffix(3000))")
    }

    static func messages(in maildir: String) -> [String] {
        guard let python = PythonInterpreter.url else { return [] }
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", """
            import email, email.header, glob, json, sys
            out = []
            for path in sorted(glob.glob(sys.argv[1] + '/new/*')):
                m = email.message_from_bytes(open(path, 'rb').read())
                text = m.get('To', '') + '\\n' + str(email.header.make_header(email.header.decode_header(m.get('Subject', ''))))
                for part in m.walk():
                    if part.get_content_maintype() == 'text':
                        text += '\\n' + part.get_payload(decode=True).decode(part.get_content_charset() or 'utf-8')
                out.append(text)
            print(json.dumps(out))
            """, maildir]
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return [] }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (try? JSONSerialization.jsonObject(with: data) as? [String]) ?? []
    }
}
