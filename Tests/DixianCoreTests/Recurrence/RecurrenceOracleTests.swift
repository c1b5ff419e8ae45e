import DixianCore
import DixianTestSupport
import Foundation
import Testing

/// The recurrence engine against python-dateutil 2.9 (`scripts/rrule-oracle.py`) as the oracle: thousands
/// of generated rules, their first 50 occurrences each, compared one by one.
///
/// The test needs `python3` with python-dateutil (scripts/test installs it) and fails, never skips, when
/// they are missing. Rules that can never match would make dateutil walk to the year 9999 (seconds per
/// rule), so both sides stop at a cap, dateutil as an extra `UNTIL`, Swift by `prefix(while:)`: what
/// either side yields up to the cap is compared in full. The Swift side needs no cap to end (see
/// ``RecurrenceRule/occurrences(from:)``), which the test exercises as well.
@Suite struct RecurrenceOracleTests {
    static let seed: UInt64 = 0xD1_C1A9
    static let ruleCount = 5_000
    static let limit = 50

    struct Case: Codable, Sendable {
        var rule: String
        var dtstart: String
        var limit: Int
        var cap: String
    }

    struct Answer: Codable, Sendable {
        var occurrences: [String]?
        var error: String?
    }

    /// How far the comparison looks, by frequency: far enough for 50 occurrences of all but sparse rules.
    static func cap(for rule: RecurrenceRule, from start: LocalDateTime) -> LocalDateTime {
        let years =
            switch rule.frequency {
            case .daily: 8
            case .weekly: 20
            case .monthly: 60
            case .yearly: 250
            }
        return LocalDateTime(date: CalendarDate(year: start.date.year + years, month: 1, day: 1)!, hour: 0)!
    }

    @Test func agreesWithDateutil() async throws {
        print("RecurrenceOracleTests seed: 0x\(String(Self.seed, radix: 16, uppercase: true))")
        var random = SeededRandom(seed: Self.seed)
        var rules: [(rule: RecurrenceRule, start: LocalDateTime, cap: LocalDateTime)] = []
        for _ in 0..<Self.ruleCount {
            var (rule, start) = RecurrenceRuleGenerator.randomRule(using: &random)
            // dateutil refuses a UTC UNTIL with a floating DTSTART; the engine sees wall clocks only anyway.
            rule.untilIsUTC = false
            rules.append((rule, start, Self.cap(for: rule, from: start)))
        }
        let cases = rules.map {
            Case(rule: $0.rule.description, dtstart: $0.start.description, limit: Self.limit, cap: $0.cap.description)
        }

        let clock = ContinuousClock()
        let oracleStart = clock.now
        let answers = try await offCooperativePool { try Self.askOracle(cases) }
        let oracleTime = clock.now - oracleStart
        try #require(answers.count == cases.count, "the oracle answered \(answers.count) of \(cases.count) rules")

        var compared = 0
        var mismatches = 0
        var emptyRules = 0
        let swiftTime = clock.measure {
            for (index, (rule, start, cap)) in rules.enumerated() {
                guard let theirs = answers[index].occurrences else {
                    Issue.record(
                        "dateutil rejected rule #\(index) \(rule) from \(start): \(answers[index].error ?? "?")")
                    mismatches += 1
                    continue
                }
                let ours = Array(
                    rule.occurrences(from: start).lazy.prefix { $0 <= cap }.prefix(Self.limit).map(\.description))
                compared += theirs.count
                if theirs.isEmpty { emptyRules += 1 }
                guard ours != theirs else { continue }
                mismatches += 1
                if mismatches <= 10 {
                    let common = min(ours.count, theirs.count)
                    let at = (0..<common).first { ours[$0] != theirs[$0] } ?? common
                    Issue.record(
                        """
                        rule #\(index) \(rule) from DTSTART \(start) (seed 0x\(String(Self.seed, radix: 16))): \
                        occurrence \(at + 1) is \(at < ours.count ? ours[at] : "missing") here, \
                        \(at < theirs.count ? theirs[at] : "missing") in dateutil \
                        (\(ours.count) vs \(theirs.count) occurrences up to \(cap))
                        """)
                }
            }
        }
        print(
            "RecurrenceOracleTests: \(rules.count) rules, \(compared) occurrences compared, "
                + "\(emptyRules) rules without occurrences, \(mismatches) mismatches; "
                + "dateutil \(oracleTime), Swift \(swiftTime)")
        #expect(mismatches == 0)
        // The generator must keep producing rules with something to compare.
        #expect(compared > rules.count * Self.limit * 2 / 3)
    }

    /// Runs `python3 scripts/rrule-oracle.py IN OUT` once for all cases.
    static func askOracle(_ cases: [Case]) throws -> [Answer] {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("dixian-rrule-oracle-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("rules.json")
        let output = directory.appendingPathComponent("occurrences.json")
        try JSONEncoder().encode(cases).write(to: input)

        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/rrule-oracle.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, input.path, output.path]
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw OracleUnavailable(message: "cannot run python3 (\(error)); install python3 and python-dateutil")
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OracleUnavailable(
                message: "scripts/rrule-oracle.py exited with \(process.terminationStatus)"
                    + (process.terminationStatus == 127 ? " (python3 not found)" : "") + ": \(message)")
        }
        return try JSONDecoder().decode([Answer].self, from: Data(contentsOf: output))
    }

    struct OracleUnavailable: Error, CustomStringConvertible {
        var message: String
        var description: String { "the dateutil oracle is unavailable: \(message)" }
    }
}
