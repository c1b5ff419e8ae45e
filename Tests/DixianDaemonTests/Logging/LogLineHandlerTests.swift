@testable import DixianDaemon
import Foundation
import Logging
import Testing

@Suite("Log lines")
struct LogLineHandlerTests {
    let time = Date(timeIntervalSince1970: 1_795_000_000.25)

    @Test("logfmt quotes values with spaces, quotes and newlines; keys are sorted")
    func logfmt() {
        let line = LogLineHandler.format(
            timestamp: self.time, level: .warning, label: "dixian", message: "数据库 不可达",
            metadata: ["b": "x=y", "a": "plain", "c": "say \"hi\"\nbye"], as: .logfmt
        )
        #expect(line == #"ts=2026-11-18T11:06:40.250Z level=warning logger=dixian msg="数据库 不可达" a=plain b="x=y" c="say \"hi\"\nbye""#)
    }

    @Test("resident ID numbers are masked in the message and in metadata")
    func masksIDNumbers() {
        let line = LogLineHandler.format(
            timestamp: self.time, level: .error, label: "dixian", message: "户主 110101199003071234 无法匹配",
            metadata: ["household": "11010119900307123X", "count": "42"], as: .logfmt
        )
        #expect(!line.contains("110101199003071234") && !line.contains("11010119900307123X"))
        #expect(line.contains("1101**********1234") && line.contains("1101**********123X"))
        #expect(line.contains("count=42"))
    }

    @Test("JSON lines parse back to the same fields")
    func json() throws {
        let line = LogLineHandler.format(
            timestamp: self.time, level: .info, label: "dixian", message: "ready \"now\"\t",
            metadata: ["address": "127.0.0.1:8080"], as: .json
        )
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        #expect(object?["msg"] == "ready \"now\"\t")
        #expect(object?["address"] == "127.0.0.1:8080")
        #expect(object?["level"] == "info")
        #expect(!line.contains("\n"))
    }

    @Test("the level follows the shared settings until a logger overrides it")
    func sharedLevel() {
        let settings = LogSettings(format: .logfmt, level: .error)
        var handler = LogLineHandler(label: "t", settings: settings)
        #expect(handler.logLevel == .error)
        settings.level = .debug
        #expect(handler.logLevel == .debug)
        handler.logLevel = .critical
        settings.level = .trace
        #expect(handler.logLevel == .critical)
    }
}
