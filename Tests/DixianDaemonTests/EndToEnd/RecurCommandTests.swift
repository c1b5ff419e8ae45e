import DixianTestSupport
import Foundation
import Testing

@Suite("dixian recur, end to end")
struct RecurCommandTests {
    @Test("the last Friday of each month, with instant and Chinese weekday")
    func lastFriday() async throws {
        let result = try await CommandResult.run([
            "recur", "FREQ=MONTHLY;BYDAY=-1FR", "--start", "2026-07-01T09:00", "--count", "3",
        ])
        #expect(result.status == 0, "\(result.errorOutput)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 5)  // summary, header, three occurrences
        #expect(lines[2].contains("2026-07-31 09:00:00") && lines[2].contains("2026-07-31T09:00:00+08:00"))
        #expect(lines[2].contains("星期五"))
        #expect(lines[4].contains("2026-09-25 09:00:00"))
    }

    @Test("DTSTART with TZID and a UTC UNTIL, as JSON; a time in the DST gap moves forward")
    func twoLineFormAsJSON() async throws {
        let text = "DTSTART;TZID=America/New_York:20260307T023000\nRRULE:FREQ=DAILY;UNTIL=20260309T073000Z"
        let result = try await CommandResult.run(["recur", text, "--format", "json"])
        #expect(result.status == 0, "\(result.errorOutput)")
        struct Output: Decodable {
            struct Occurrence: Decodable { var local: String, instant: String }
            var time_zone: String, ends: Bool, occurrences: [Occurrence]
        }
        let output = try JSONDecoder().decode(Output.self, from: Data(result.output.utf8))
        #expect(output.time_zone == "America/New_York")
        #expect(output.ends)
        #expect(output.occurrences.map(\.instant) == [
            "2026-03-07T02:30:00-05:00", "2026-03-08T03:30:00-04:00", "2026-03-09T02:30:00-04:00",
        ])
    }

    @Test("a bad rule: exit 1, the message and a caret under the offending column")
    func badRule() async throws {
        let result = try await CommandResult.run(["recur", "FREQ=MONTHLY;BYDAY=-1XX", "--start", "2026-07-01T09:00"])
        #expect(result.status == 1)
        let lines = result.errorOutput.split(separator: "\n")
        #expect(lines.first?.contains("无效的星期") == true)
        try #require(lines.count >= 3)
        #expect(lines[1] == "  FREQ=MONTHLY;BYDAY=-1XX")
        #expect(lines[2] == "  " + String(repeating: " ", count: 21) + "^")
    }

    @Test("a rule that never happens: exit 1")
    func neverHappens() async throws {
        let result = try await CommandResult.run(["recur", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "--start", "2026-01-01"])
        #expect(result.status == 1)
        #expect(result.errorOutput.contains("没有任何发生时间"))
        #expect(
            result.errorOutput.contains(
                "BYMONTH=2 and BYMONTHDAY=30 never meet: those months have at most 29 days, the rule never occurs"),
            "\(result.errorOutput)")
    }

    @Test("a rule whose INTERVAL skips every leap year: exit 1 with the bounded search's reason")
    func neverHappensWithinTheSearch() async throws {
        let result = try await CommandResult.run([
            "recur", "freq=yearly;interval=4;bymonth=2;bymonthday=29", "--start", "2025-01-01T09:00",
        ])
        #expect(result.status == 1)
        #expect(result.errorOutput.contains("never occurs within 400 years of 2025-01-01"), "\(result.errorOutput)")
    }
}

@Suite("dixian recur --start with an offset, end to end")
struct RecurOffsetStartTests {
    /// The local times of the occurrences in a table output.
    static func locals(_ output: String) -> [String] {
        output.split(separator: "\n").dropFirst(2).compactMap { line in
            line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.map(String.init)
        }
    }

    @Test("an instant with +08:00 or Z is the rule zone's wall clock at that instant", arguments: [
        "2027-10-03T09:00:00+08:00", "2027-10-03T01:00:00Z", "2027-10-02T21:00:00-04:00",
    ])
    func offsetStart(start: String) async throws {
        let result = try await CommandResult.run(["recur", "FREQ=MONTHLY;BYMONTHDAY=3", "--start", start, "--count", "3"])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.hasPrefix("规则 FREQ=MONTHLY;BYMONTHDAY=3 · 起点 2027-10-03T09:00:00 · 时区 Asia/Shanghai"))
        #expect(Self.locals(result.output) == ["2027-10-03", "2027-11-03", "2027-12-03"], "\(result.output)")
        #expect(result.output.contains("2027-12-03T09:00:00+08:00"))
    }

    @Test("the instant is converted to --tz, not read as its wall clock")
    func otherZone() async throws {
        let result = try await CommandResult.run([
            "recur", "FREQ=DAILY", "--start", "2027-10-03T09:00:00+08:00", "--tz", "Europe/Berlin", "--count", "1",
            "--format", "json",
        ])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("\"start\" : \"2027-10-03T03:00:00\""), "\(result.output)")
        #expect(result.output.contains("2027-10-03T03:00:00+02:00"))
    }

    @Test("a malformed value: exit 1 with an example of each accepted form", arguments: [
        "2027-10-03T09:00:00+8", "2027-10-03T09:00:00+25:00", "yesterday",
    ])
    func malformed(start: String) async throws {
        let result = try await CommandResult.run(["recur", "FREQ=DAILY", "--start", start])
        #expect(result.status == 1)
        #expect(result.errorOutput.contains("--start 应为当地时间"), "\(result.errorOutput)")
        #expect(result.errorOutput.contains("2026-07-01T09:00:00+08:00"))
        #expect(result.errorOutput.contains("'\(start)'"))
    }
}
