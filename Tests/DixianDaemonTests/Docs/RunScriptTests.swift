import DixianTestSupport
import Foundation
import Testing

/// Issue 19: the README's first command, `./scripts/run`, installs what a fresh Debian machine lacks and then runs
/// `swift run dixian serve` with its arguments. Here everything is installed (the test command did it), so it must
/// install nothing and hand over; `swift` is a stand-in that records its arguments instead of building.
@Suite("scripts/run")
struct RunScriptTests {
    @Test("with everything installed it installs nothing and runs swift run dixian serve with the arguments given")
    func handsOver() async throws {
        let work = try makeWorkDirectory("run-script")
        let recorded = work + "/swift-arguments"
        try "#!/bin/sh\nprintf '%s\\n' \"$@\" > '\(recorded)'\n".write(toFile: work + "/swift", atomically: true, encoding: .utf8)
        _ = chmod(work + "/swift", 0o755)
        let path = work + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try await ToolProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["PATH=\(path)", "bash", "scripts/run", "--clock-start", "2026-07-28T09:00:00+08:00"],
            input: Data(), directory: DixianBinary.packageRoot)
        let output = String(decoding: result.output, as: UTF8.self)
        #expect(result.status == 0, "\(output)\(String(decoding: result.errors, as: UTF8.self))")
        #expect(!output.contains("== installing"), "\(output)")
        #expect(output.contains("== building and starting dixian"))
        let arguments = try String(contentsOfFile: recorded, encoding: .utf8)
        #expect(arguments == "run\ndixian\nserve\n--clock-start\n2026-07-28T09:00:00+08:00\n")
    }

    @Test("without the Swift toolchain it says where to get it and stops")
    func namesTheToolchain() async throws {
        // A PATH with only what the script needs before it looks for swift.
        let bin = try makeWorkDirectory("run-script-path")
        for tool in ["bash", "dirname"] {
            let url = try #require(ToolProcess.find(tool))
            try FileManager.default.createSymbolicLink(atPath: bin + "/" + tool, withDestinationPath: url.path)
        }
        let result = try await ToolProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["PATH=\(bin)", "bash", "scripts/run"], input: Data(),
            directory: DixianBinary.packageRoot)
        #expect(result.status == 1)
        #expect(String(decoding: result.errors, as: UTF8.self).contains("swift.org/install/linux"))
    }
}
