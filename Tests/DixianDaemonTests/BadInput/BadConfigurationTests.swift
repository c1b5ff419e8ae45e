import DixianDaemon
import DixianStore
import DixianTestSupport
import Foundation
import Testing

/// Over a hundred generated bad configuration files through the built `dixian`: each is refused with a
/// non-zero exit and a clear error at its file:line, and none of them touches the database it names.
// Serialized: each case blocks a thread while `dixian check` runs, and 158 at once would starve the other suites.
@Suite("Bad configuration files: dixian check refuses each one clearly", .serialized)
struct BadConfigurationTests {
    /// A work directory holding the secret files the cases name.
    static func workDirectory() throws -> String {
        let work = try makeWorkDirectory("bad-config")
        for (name, content) in BadConfiguration.secretFiles {
            try content.write(toFile: work + "/" + name, atomically: true, encoding: .utf8)
        }
        return work
    }

    /// Writes the bytes and runs `dixian <command> --config FILE` from the package root (where the default
    /// plugins directory is).
    static func run(_ command: String, _ bytes: [UInt8], in work: String) async throws -> (path: String, result: CommandResult) {
        let path = work + "/" + UUID().uuidString.prefix(8) + ".yaml"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (path, try await CommandResult.run([command, "--config", path], workingDirectory: DixianBinary.packageRoot))
    }

    @Test("there are at least 100 cases, with distinct names")
    func count() {
        #expect(BadConfiguration.all.count >= 100)
        #expect(Set(BadConfiguration.all.map(\.name)).count == BadConfiguration.all.count)
    }

    @Test("refused with exit 1 and a clear error at file:line", arguments: BadConfiguration.all)
    func refused(_ bad: BadConfiguration) async throws {
        let (path, result) = try await Self.run("check", bad.bytes, in: try Self.workDirectory())
        #expect(result.status == 1, "\(result.output)\(result.errorOutput.prefix(2_000))")
        #expect(!result.output.contains("配置有效"))
        #expect(result.errorOutput.contains(bad.fragment), "\(result.errorOutput.prefix(2_000))")
        if let line = bad.line {
            #expect(result.errorOutput.contains("\(path):\(line):"), "\(result.errorOutput.prefix(2_000))")
        } else {
            #expect(result.errorOutput.contains(path), "\(result.errorOutput.prefix(2_000))")
        }
        #expect(result.errorOutput.contains("配置无效"), "the closing line counts the errors")
        // Errors never print the passwords the cases carry.
        #expect(!result.errorOutput.contains("hunter2"))
    }

    @Test("with a database appended, neither check nor migrate changes anything in it")
    func databaseUntouched() async throws {
        let cases = BadConfiguration.all.filter(\.runsAgainstDatabase)
        #expect(cases.count >= 80)
        try await TestDatabase.withFreshDatabase { endpoint in
            // Migrated, as a county's database is; a wrongly accepted file would make `migrate` exit 0.
            try await TestDatabase.withClient(endpoint) { client in
                try await Migrator().migrate(client: client, logger: TestDatabase.logger)
            }
            let before = try await DatabaseDump.text(of: endpoint)
            let work = try Self.workDirectory()
            for bad in cases {
                let bytes = bad.appendingDatabase(endpoint.description)
                for command in ["check", "migrate"] {
                    let (_, result) = try await Self.run(command, bytes, in: work)
                    #expect(result.status == 1, "\(bad.name) \(command): \(result.output)\(result.errorOutput.prefix(1_000))")
                    // The appended lines may change which error a broken file shows first; refused it must be.
                    #expect(result.errorOutput.contains("配置无效"), "\(bad.name) \(command): \(result.errorOutput.prefix(1_000))")
                }
            }
            #expect(try await DatabaseDump.text(of: endpoint) == before)
        }
    }
}
