import DixianTestSupport
import Foundation
import Testing

/// The configuration checks of issue 18, through `dixian check` as an operator runs it: each refused with
/// the exact lines the operator reads.
@Suite("dixian check refuses a dead-letter role nobody holds, a maildir outside state_dir, a password in the URL")
struct ConfigurationChecksTests {
    /// Writes `text` below a fresh work directory, with the shipped plugins, and runs `dixian check` on it.
    func check(_ text: String) async throws -> (path: String, result: CommandResult) {
        let work = try makeWorkDirectory("checks")
        let path = work + "/dixian.yaml"
        let full = "plugins:\n  dir: \(DixianBinary.packageRoot)/plugins\nschedule:\n  holidays_dir: \(DixianBinary.packageRoot)/config/holidays\n" + text
        try full.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, try await CommandResult.run(["check", "--config", path], workingDirectory: work))
    }

    func errorLines(_ result: CommandResult) -> [String] {
        result.errorOutput.split(separator: "\n").map(String.init)
    }

    @Test("notify.dead_letter_role must name a role the plugins declare")
    func deadLetterRole() async throws {
        let (path, result) = try await check("notify:\n  dead_letter_role: nobody\n")
        #expect(result.status == 1)
        let lines = errorLines(result)
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first?.hasPrefix(
            "\(path):6:21: error: 死信通知角色 'nobody' 未在插件中声明, 死信将无人知晓"
                + " (notify.dead_letter_role names no declared role: dead letters would tell nobody) (") == true, "\(lines)")
        #expect(lines.last == "配置无效:1 个错误 (configuration invalid: 1 error(s))")
        // A near miss gets a suggestion.
        let (nearPath, near) = try await check("notify:\n  dead_letter_role: county_ofice\n")
        #expect(near.status == 1)
        #expect(errorLines(near).first == "\(nearPath):6:21: error: 死信通知角色 'county_ofice' 未在插件中声明, 死信将无人知晓"
            + " (notify.dead_letter_role names no declared role: dead letters would tell nobody)"
            + " (是不是 'county_office'? / did you mean 'county_office'?)")
        // The default and a declared role pass.
        let (_, fine) = try await check("notify:\n  dead_letter_role: county_office\n")
        #expect(fine.status == 0, "\(fine.errorOutput)")
    }

    @Test("a relative maildir dir may not climb out of state_dir; an absolute one may go anywhere")
    func maildirUnderStateDirectory() async throws {
        let (path, result) = try await check("channels:\n  email:\n    type: maildir\n    dir: ../../../../etc\n")
        #expect(result.status == 1)
        #expect(errorLines(result) == [
            "\(path):8:10: error: 邮件目录 '../../../../etc' 超出 state_dir (maildir dir leaves state_dir)"
                + " (写 state_dir 下的相对路径, 或写绝对路径 / a path under state_dir, or an absolute path)",
            "配置无效:1 个错误 (configuration invalid: 1 error(s))",
        ])
        let (_, sneaky) = try await check("channels:\n  email:\n    type: maildir\n    dir: mail/../../x\n")
        #expect(sneaky.status == 1)
        let (_, inside) = try await check("channels:\n  email:\n    type: maildir\n    dir: mail/../county-mail\n")
        #expect(inside.status == 0, "\(inside.errorOutput)")
        let (_, absolute) = try await check("channels:\n  email:\n    type: maildir\n    dir: /srv/dixian/mail\n")
        #expect(absolute.status == 0, "\(absolute.errorOutput)")
    }

    @Test("a password inside database.url is refused without showing it, pointing to password_file")
    func passwordInURL() async throws {
        let (path, result) = try await check("database:\n  url: postgres://dixian:hunter2@db.example/dixian\n")
        #expect(result.status == 1)
        #expect(errorLines(result) == [
            "\(path):6:8: error: database.url 中不能写密码 (a password inside database.url does not belong in the configuration file)"
                + " (去掉 URL 中的密码, 改用 password_file 或环境变量 DIXIAN_DATABASE_PASSWORD"
                + " / remove it from the URL and use password_file or $DIXIAN_DATABASE_PASSWORD)",
            "配置无效:1 个错误 (configuration invalid: 1 error(s))",
        ])
        #expect(!result.errorOutput.contains("hunter2"))
        #expect(!result.output.contains("hunter2"))
        let (_, without) = try await check("database:\n  url: postgres://dixian@db.example/dixian\n")
        #expect(without.status == 0, "\(without.errorOutput)")
    }
}
