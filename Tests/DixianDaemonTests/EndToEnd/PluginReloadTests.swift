#if canImport(Glibc)
import Glibc
#endif
import DixianTestSupport
import Foundation
import Testing

@Suite("Plugins in the running daemon, end to end", .serialized)
struct PluginReloadTests {
    @Test("SIGHUP with a broken plugin keeps the old set (the log says where); with the fix the new set is live")
    func reloadBrokenPlugin() async throws {
        let work = try makeWorkDirectory("plugins")
        let plugins = work + "/plugins"
        try FileManager.default.copyItem(atPath: DixianBinary.packageRoot + "/plugins", toPath: plugins)
        let config = work + "/dixian.yaml"
        try "plugins:\n  dir: \(plugins)\n".write(toFile: config, atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(
            ["serve", "--config", config, "--state-dir", work + "/var", "--listen", "127.0.0.1:0"],
            logPath: work + "/daemon.log"
        )
        defer { daemon.kill() }
        let address = try #require(await daemon.httpAddress(timeout: .seconds(120)), "log:\n\(daemon.log)")
        #expect(daemon.log.contains("插件 7 个"))
        // The embedded database starts with the demo county, so a newcomer sees real work.
        #expect(await daemon.waitForLog("demo county imported", timeout: .seconds(60)))

        let water = plugins + "/water/plugin.yaml"
        let original = try String(contentsOfFile: water, encoding: .utf8)
        try (original + "colour: blue\n").write(toFile: water, atomically: true, encoding: .utf8)
        let brokenLine = original.split(separator: "\n", omittingEmptySubsequences: false).count
        daemon.send(SIGHUP)
        #expect(await daemon.waitForLog("keeping the running one", timeout: .seconds(60)))
        #expect(daemon.log.contains("\(water):\(brokenLine):1"), "log:\n\(daemon.log)")
        #expect(await HTTPProbe.get(address, "/readyz")?.status == 200)

        try original.write(toFile: water, atomically: true, encoding: .utf8)
        daemon.send(SIGHUP)
        #expect(await daemon.waitForLog("configuration reloaded", timeout: .seconds(60)))
        #expect(await HTTPProbe.get(address, "/readyz")?.body.contains("configuration") == false)

        daemon.send(SIGTERM)
        let daemonExit = await daemon.waitForExit(timeout: .seconds(60))
        #expect(daemonExit == 0, "exit status \(daemonExit.map(String.init) ?? "none: still running"); log:\n\(daemon.excerpt)")
    }

    @Test("dixian check --plugins-dir fails on a broken plugin, naming its file:line:column")
    func checkBrokenPlugin() async throws {
        let work = try makeWorkDirectory("plugins-check")
        let plugins = work + "/plugins"
        try FileManager.default.copyItem(atPath: DixianBinary.packageRoot + "/plugins", toPath: plugins)
        let credit = plugins + "/credit/plugin.yaml"
        let original = try String(contentsOfFile: credit, encoding: .utf8)
        try (original + "colour: blue\n").write(toFile: credit, atomically: true, encoding: .utf8)
        let line = original.split(separator: "\n", omittingEmptySubsequences: false).count
        let result = try await CommandResult.run(["check", "--plugins-dir", plugins])
        #expect(result.status == 1)
        #expect(result.errorOutput.contains("\(credit):\(line):1"), "\(result.errorOutput)")
    }
}
