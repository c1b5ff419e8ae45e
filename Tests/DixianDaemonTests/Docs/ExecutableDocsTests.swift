import DixianTestSupport
import Foundation
import Testing

/// Issue 21: every shell example in the docs is either run here, against the demo county, or marked as
/// illustrative with a reason. The line before the fence says which:
///
///     <!-- doc: run; expect "插件有效" -->
///     <!-- doc: illustrative: needs /etc/dixian and a running service -->
@Suite("Shell examples in the docs", .serialized)
struct ExecutableDocsTests {
    static let documents = [
        "README.md", "plugins/README.md", "config/plugins/README.md", "deploy/README.md", "config/demo/README.md",
        "config/holidays/README.md",
    ]

    /// One fenced shell block and what its marker says.
    struct Example: CustomStringConvertible, Sendable {
        var file: String
        var line: Int
        var marker: String?
        var script: String

        var description: String { "\(file):\(line)" }
        var isRun: Bool { marker?.hasPrefix("run") == true }
        var isIllustrative: Bool {
            guard let marker, marker.hasPrefix("illustrative:") else { return false }
            return marker.dropFirst("illustrative:".count).trimmingCharacters(in: .whitespaces).count >= 8
        }

        /// The `expect "…"` fragments of a run marker.
        var expectations: [String] {
            guard let marker else { return [] }
            return marker.components(separatedBy: "expect \"").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
        }
    }

    static func examples() throws -> [Example] {
        var result: [Example] = []
        for file in documents {
            let lines = try String(contentsOfFile: "\(DixianBinary.packageRoot)/\(file)", encoding: .utf8).components(separatedBy: "\n")
            var index = 0
            while index < lines.count {
                let line = lines[index]
                guard ["```sh", "```bash", "```console", "```shell"].contains(line.trimmingCharacters(in: .whitespaces)) else {
                    index += 1
                    continue
                }
                let previous = lines[..<index].last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
                var marker: String?
                if let start = previous.range(of: "<!-- doc: "), let end = previous.range(of: " -->") {
                    marker = String(previous[start.upperBound..<end.lowerBound])
                }
                let body = lines[(index + 1)...].prefix { !$0.hasPrefix("```") }
                result.append(Example(file: file, line: index + 1, marker: marker, script: body.joined(separator: "\n")))
                index += body.count + 2
            }
        }
        return result
    }

    @Test("every shell example is marked: run by the test command, or illustrative with a reason")
    func everyExampleMarked() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 15, "the docs have their examples")
        let unmarked = examples.filter { !$0.isRun && !$0.isIllustrative }
        #expect(unmarked.map(\.description) == [], "mark each: <!-- doc: run; expect \"…\" --> or <!-- doc: illustrative: why -->")
        #expect(examples.filter(\.isRun).allSatisfy { !$0.expectations.isEmpty }, "a run example states a fragment of its output")
        #expect(examples.filter(\.isRun).count >= 3)
    }

    @Test("the runnable examples run on the demo county and print what the docs say", arguments: try Self.examples().filter(\.isRun))
    func runnableExamples(example: Example) async throws {
        let work = try makeWorkDirectory("doc-example")
        let root = DixianBinary.packageRoot
        // The example runs in a folder shaped like the source folder: its own copy of config/, the plugins,
        // and `dixian` on the PATH as the built binary; the embedded PostgreSQL lives in its ./var.
        for folder in ["config", "plugins"] {
            try FileManager.default.copyItem(atPath: "\(root)/\(folder)", toPath: "\(work)/\(folder)")
        }
        try FileManager.default.createDirectory(atPath: work + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: work + "/bin/dixian", withDestinationPath: DixianBinary.path)
        defer { _ = try? CommandResult.runBlocking(["db", "stop", "--state-dir", work + "/var"]) }
        let script = example.script
        let (status, text) = try await offCooperativePool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-e", "-o", "pipefail", "-c", script]
            process.currentDirectoryURL = URL(fileURLWithPath: work)
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DIXIAN_") }
            environment["PATH"] = work + "/bin:" + (environment["PATH"] ?? "/usr/bin:/bin")
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        #expect(status == 0, "\(example) exited \(status):\n\(text)")
        for fragment in example.expectations {
            #expect(text.contains(fragment), "\(example): no \"\(fragment)\" in\n\(text)")
        }
    }
}
