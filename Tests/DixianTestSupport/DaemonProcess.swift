#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A `dixian` process under test: started with arguments and environment, its stderr captured
/// to a file that tests search, stopped with real signals.
public final class DaemonProcess: @unchecked Sendable {
    public let process: Process
    public let logPath: String

    /// Starts `dixian <arguments>`. The inherited environment loses every `DIXIAN_*` and
    /// `NOTIFY_SOCKET` variable first, so only what the test passes in `environment` counts.
    /// `DIXIAN_DEMO_DATA` is `off` unless the test says otherwise: importing the demo county's 10,000 households
    /// into every embedded daemon of the suite would only load the machine.
    /// `workingDirectory` nil keeps the test's own.
    public init(
        _ arguments: [String], environment: [String: String] = [:], logPath: String, workingDirectory: String? = nil
    ) throws {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DIXIAN_") && $0.key != "NOTIFY_SOCKET" }
        env["DIXIAN_DEMO_DATA"] = "off"
        env.merge(environment) { $1 }
        FileManager.default.createFile(atPath: logPath, contents: nil)
        self.logPath = logPath
        self.process = Process()
        self.process.executableURL = URL(fileURLWithPath: DixianBinary.path)
        self.process.arguments = arguments
        self.process.environment = env
        self.process.currentDirectoryURL = workingDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
        self.process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        self.process.standardOutput = FileHandle.nullDevice
        try self.process.run()
    }

    public var pid: Int32 { self.process.processIdentifier }
    /// The log so far; a character cut in half at the end (the daemon still writing) reads as U+FFFD rather than
    /// losing the whole log.
    public var log: String {
        (try? Data(contentsOf: URL(fileURLWithPath: self.logPath))).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The part of the log a failed expectation shows: from just before the first crash report (`Fatal error`,
    /// `Program crashed`) when there is one, whose reason a plain tail of the backtrace would cut off; the last
    /// 4,000 characters otherwise.
    public var excerpt: String {
        let log = self.log
        guard let crash = ["Fatal error", "Program crashed", "Precondition failed", "Assertion failed"]
            .compactMap({ log.range(of: $0)?.lowerBound }).min()
        else { return String(log.suffix(4_000)) }
        let start = log.index(crash, offsetBy: -1_500, limitedBy: log.startIndex) ?? log.startIndex
        return String(log[start...].prefix(6_000))
    }

    public func send(_ signal: Int32) {
        Glibc.kill(self.pid, signal)
    }

    /// Waits for the log to contain `text`; returns false on timeout or if the process exited.
    public func waitForLog(_ text: String, timeout: Duration) async -> Bool {
        await poll(timeout: timeout) { self.log.contains(text) }
    }

    /// The `address=HOST:PORT` the HTTP server logged once it listened.
    public func httpAddress(timeout: Duration) async -> String? {
        guard await self.waitForLog("HTTP listening", timeout: timeout) else { return nil }
        for line in self.log.split(separator: "\n") where line.contains("HTTP listening") {
            if let range = line.range(of: "address=") {
                return String(line[range.upperBound...].prefix { !$0.isWhitespace })
            }
        }
        return nil
    }

    /// Waits for the process to exit; returns its status, or nil if it is still running.
    public func waitForExit(timeout: Duration) async -> Int32? {
        guard await poll(timeout: timeout, { !self.process.isRunning }) else { return nil }
        return self.process.terminationStatus
    }

    /// Makes sure nothing is left behind when a test fails half way.
    public func kill() {
        if self.process.isRunning { Glibc.kill(self.pid, SIGKILL) }
    }
}

/// Polls `condition` every 100 ms until it holds or `timeout` passes.
public func poll(timeout: Duration, _ condition: @Sendable () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return await condition()
}
