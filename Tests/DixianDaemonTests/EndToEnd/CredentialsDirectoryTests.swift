import DixianTestSupport
import Foundation
import Testing

/// `dixian check --credentials-dir`: the service's configuration, which names `/run/credentials/dixian.service/…`,
/// checked before the first start against the files systemd's `LoadCredential=` will copy (issue 21).
@Suite("dixian check --credentials-dir reads the credentials systemd will hand over")
struct CredentialsDirectoryTests {
    static let runtime = "/run/credentials/dixian.service"

    /// A configuration as README's service steps write it: every secret a credential of the unit.
    static func configuration(_ prefix: String) throws -> (work: String, path: String) {
        let work = try makeWorkDirectory(prefix)
        let root = DixianBinary.packageRoot
        let yaml = """
            plugins:
              dir: \(root)/plugins
            schedule:
              holidays_dir: \(root)/config/holidays
            api:
              token_file: \(runtime)/api-token
            links:
              secret_file: \(runtime)/link-secret
            channels:
              email:
                type: smtp
                host: smtp.example.gov.cn
                username: dixian
                password_file: \(runtime)/smtp-password
              chat:
                type: dingtalk
                url_file: \(runtime)/webhook-url
                secret_file: \(runtime)/webhook-secret

            """
        try yaml.write(toFile: work + "/dixian.yaml", atomically: true, encoding: .utf8)
        return (work, work + "/dixian.yaml")
    }

    static func writeCredentials(_ directory: String, except missing: Set<String> = []) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let values = [
            "api-token": "0123456789abcdef0123", "link-secret": "0123456789abcdef0123456789abcdef",
            "smtp-password": "hunter2-hunter2", "webhook-url": "https://oapi.dingtalk.com/robot/send?access_token=abc",
            "webhook-secret": "SECabc",
        ]
        for (name, value) in values where !missing.contains(name) {
            try (value + "\n").write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
    }

    @Test("with every credential in the directory the configuration passes")
    func allPresent() async throws {
        let (work, path) = try Self.configuration("cred-ok")
        try Self.writeCredentials(work + "/credentials")
        let result = try await CommandResult.run(["check", "--config", path, "--credentials-dir", work + "/credentials"])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("配置有效 (configuration OK)"), "\(result.output)")
        #expect(!result.output.contains("hunter2") && !result.errorOutput.contains("hunter2"))
    }

    @Test("a credential missing from the directory is named there, with the runtime path it stands in for")
    func oneMissing() async throws {
        let (work, path) = try Self.configuration("cred-missing")
        let credentials = work + "/credentials"
        try Self.writeCredentials(credentials, except: ["smtp-password"])
        let result = try await CommandResult.run(["check", "--config", path, "--credentials-dir", credentials])
        #expect(result.status == 1)
        let lines = result.errorOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first?.hasPrefix(
            "\(path):14:5: error: 无法读取文件 '\(credentials)/smtp-password' (cannot read file)"
                + " [代替 in place of \(Self.runtime)/smtp-password]: 文件不存在 (no such file)") == true, "\(lines)")
        #expect(lines.first?.contains("LoadCredential=smtp-password") == true, "\(lines)")
        #expect(lines.last == "配置无效:1 个错误 (configuration invalid: 1 error(s))")
    }

    @Test("without --credentials-dir: one error per unreadable file, pointing at --credentials-dir, none misleading")
    func beforeFirstStart() async throws {
        try #require(!FileManager.default.fileExists(atPath: Self.runtime), "this test needs a host without a dixian service")
        let (_, path) = try Self.configuration("cred-runtime")
        let result = try await CommandResult.run(["check", "--config", path])
        #expect(result.status == 1)
        let errors = result.errorOutput.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 5, "\(result.errorOutput)")
        #expect(errors.allSatisfy { $0.contains("无法读取文件 '\(Self.runtime)/") && $0.contains("--credentials-dir /etc/dixian/credentials") },
                "\(result.errorOutput)")
        // The keys are there; only their files are not yet.
        #expect(!result.errorOutput.contains("username without password_file"), "\(result.errorOutput)")
        #expect(!result.errorOutput.contains("missing url or url_file"), "\(result.errorOutput)")
    }

    @Test("the two errors still appear when the key really is missing")
    func reallyMissing() async throws {
        let work = try makeWorkDirectory("cred-absent")
        let path = work + "/dixian.yaml"
        let root = DixianBinary.packageRoot
        try """
            plugins:
              dir: \(root)/plugins
            channels:
              email:
                type: smtp
                host: smtp.example.gov.cn
                username: dixian
              chat:
                type: dingtalk

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await CommandResult.run(["check", "--config", path])
        #expect(result.status == 1)
        #expect(result.errorOutput.contains("\(path):7:5: error: 设置了 username 但没有 password_file (username without password_file)"),
                "\(result.errorOutput)")
        #expect(result.errorOutput.contains("\(path):9:5: error: 缺少 url 或 url_file (missing url or url_file)"), "\(result.errorOutput)")
    }
}
