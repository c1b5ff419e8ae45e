import DixianCore
import DixianScheduling
import Foundation
import Testing

@Suite("config/holidays (节假日安排)")
struct HolidayCalendarLoaderTests {
    static let day = Fixtures.day

    @Test("the shipped 2026 file states the State Council's arrangement")
    func shipped() throws {
        let calendar = Fixtures.calendar
        #expect(calendar.covered == [2026])
        #expect(calendar.years[0].source == "国务院办公厅关于2026年部分节假日安排的通知")
        #expect(calendar.years[0].holidays.map(\.name) == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"])
        #expect(calendar.years[0].holidays.reduce(0) { $0 + $1.daysOff.count } == 33)
        // DOMAIN.md: 国庆节 is 1–7 October, so 8 October (Thursday) is an ordinary workday.
        #expect(!calendar.isWorkday(Self.day("2026-10-07")))
        #expect(calendar.isWorkday(Self.day("2026-10-08")))
        #expect(calendar.isWorkday(Self.day("2026-10-10")))  // Saturday, 调休上班
        #expect(calendar.isWorkday(Self.day("2026-09-20")))  // Sunday, 调休上班
        #expect(!calendar.isWorkday(Self.day("2026-09-25")))  // 中秋节, Friday
        #expect(calendar.holidayName(on: Self.day("2026-06-19")) == "端午节")
    }

    static func errors(_ text: String, file: String = "config/holidays/cn-2026.yaml") -> [Diagnostic] {
        do {
            _ = try HolidayCalendarLoader.parse(text, file: file)
            return []
        } catch {
            return error.errors
        }
    }

    static let header = "year: 2026\nsource: 国务院办公厅关于2026年部分节假日安排的通知\nholidays:\n"

    @Test("a day both off and worked is an error at the workday's position")
    func bothOffAndWorked() {
        let errors = Self.errors(Self.header + """
              - name: 国庆节
                days_off: {from: 2026-10-01, through: 2026-10-07}
                extra_workdays: [2026-10-03]
            """)
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("既是国庆节的假日又是调休上班日") == true)
        #expect(errors.first.map { "\($0.line):\($0.column)" } == "6:22")
    }

    @Test("dates outside the year, weekday extra workdays, bad dates, unknown keys, reversed ranges")
    func broken() {
        let errors = Self.errors(Self.header + """
              - name: 元旦
                days_off: {from: 2025-12-31, through: 2026-01-01}
                extra_workdays: [2026-01-05]
              - name: 春节
                days_off: {from: 2026-02-30, through: 2026-02-23}
                remark: x
              - name: 劳动节
                days_off: {from: 2026-05-05, through: 2026-05-01}
            """)
        let messages = errors.map(\.message)
        #expect(messages.contains { $0.contains("不在 2026 年内") })
        #expect(messages.contains { $0.contains("应为星期六或星期日") })
        #expect(messages.contains { $0.contains("无效的日期 '2026-02-30'") })
        #expect(messages.contains { $0.contains("未知的键 'remark'") })
        #expect(messages.contains { $0.contains("晚于结束日") })
        #expect(errors.allSatisfy { $0.file == "config/holidays/cn-2026.yaml" && $0.line > 3 })
    }

    @Test("strict YAML: the year must be an integer and match the file name; required keys")
    func strict() {
        #expect(!Self.errors("year: \"2026\"\nsource: x\nholidays: []\n").isEmpty)
        #expect(Self.errors("year: 2027\nsource: x\nholidays: []\n").contains { $0.message.contains("文件名") })
        #expect(Self.errors("year: 2026\nholidays: []\n").contains { $0.message.contains("'source'") })
        #expect(Self.errors("year: 2026\nsource: x\nholidays: []\n", file: "other.yaml").isEmpty)
    }

    @Test("a directory is read whole: other files ignored, a broken file rejects all, a missing one is an error")
    func directory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("holidays-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let shipped = Fixtures.root.appendingPathComponent("config/holidays/cn-2026.yaml")
        try FileManager.default.copyItem(at: shipped, to: folder.appendingPathComponent("cn-2026.yaml"))
        try Data("not a calendar".utf8).write(to: folder.appendingPathComponent("README.md"))
        #expect(try HolidayCalendarLoader.load(directory: folder.path).covered == [2026])
        try Data("year: 2027\nsource: x\nholidays: [1]\n".utf8).write(to: folder.appendingPathComponent("cn-2027.yaml"))
        #expect(throws: HolidayCalendarError.self) { try HolidayCalendarLoader.load(directory: folder.path) }
        do {
            _ = try HolidayCalendarLoader.load(directory: folder.appendingPathComponent("missing").path)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .directoryUnreadable)
        }
    }
}
