import DixianCore
import Foundation
import Testing

@testable import DixianPlugins

/// Issue 18's bad-input suite for plugins: generated one-line breakages of a shipped manifest and of a bureau
/// override, each refused with an error at the broken line, written Chinese first with English in parentheses.
@Suite struct PluginBadInputTests {
    /// One broken line: `old` replaced by `new` in `plugins/water/plugin.yaml` (or the override file), and text
    /// the first error's message must contain.
    struct Case: CustomStringConvertible, Sendable {
        var old: String
        var new: String
        var message: String
        var description: String { "\(old) → \(new)" }
    }

    static let manifestCases: [Case] = [
        Case(old: "format_version: 1", new: "format_version: 2", message: "(unsupported format_version)"),
        Case(old: "format_version: 1", new: "format_version: one", message: "(expected an integer)"),
        Case(old: "format_version: 1", new: "format_version: 99999999999999999999999999999", message: "(integer out of range)"),
        Case(old: "format_version: 1", new: "format_version: \"1\"", message: "(expected an integer)"),
        Case(old: "format_version: 1", new: "formatversion: 1", message: "(missing required key)"),
        Case(old: "id: water", new: "id: Water", message: "(invalid plugin id)"),
        Case(old: "id: water", new: "id: waterworks", message: "(id must equal the folder name)"),
        Case(old: "id: water", new: "id: 1water", message: "(invalid plugin id)"),
        Case(old: "id: water", new: "id: [water]", message: "expected"),
        Case(old: "version: 1.0.0", new: "version: 1.0", message: "(expected a string)"),
        Case(old: "version: 1.0.0", new: "version: v1.0.0", message: "(not a semantic version)"),
        Case(old: "version: 1.0.0", new: "version: 1.0.0.0", message: "(not a semantic version)"),
        Case(old: "lead_units: [县水务局（水利局）]", new: "lead_units: []", message: "(needs at least 1 item(s))"),
        Case(old: "lead_units: [县水务局（水利局）]", new: "lead_units: 县水务局", message: "(expected a list)"),
        Case(old: "    default: 100\n", new: "    default: 101\n", message: ""),
        Case(old: "    default: 100\n", new: "    default: lots\n", message: ""),
        Case(old: "    default: 12\n", new: "    default: 25\n", message: ""),
        Case(old: "    default: 12\n", new: "    default: 1.5\n", message: ""),
        Case(old: "    type: integer\n    title: 水质检测", new: "    type: whole\n    title: 水质检测", message: "(invalid value)"),
        Case(old: "> params.quality_test_max_months", new: "> 2.5", message: "(rule condition)"),
        Case(old: "!last_test_passed ||", new: "not last_test_passed or", message: "(rule condition)"),
        Case(old: "&& !piped_to_home", new: "&& !piped_to_hom", message: "(unknown column)"),
        Case(old: "&& !piped_to_home", new: "&& size(piped_to_home) > 0", message: "(rule condition)"),
        Case(old: "  due_time: \"18:00\"", new: "  due_time: \"25:00\"", message: "(invalid time of day)"),
        Case(old: "  due_time: \"18:00\"", new: "  due_time: \"18:00:00\"", message: "(invalid time of day)"),
        Case(old: "  due_time: \"18:00\"", new: "  due_time: \"6pm\"", message: "(invalid time of day)"),
        Case(old: "  due_on_rest_day: previous_workday", new: "  due_on_rest_day: yesterday", message: "(invalid value)"),
        Case(old: "  notify_on_rest_day: shift", new: "  notify_on_rest_day: skip_it", message: "(invalid value)"),
        Case(old: "  reminders: [\"-3d@09:00\"", new: "  reminders: [\"-3x@09:00\"", message: "(expected unit d or wd)"),
        Case(old: "  reminders: [\"-3d@09:00\"", new: "  reminders: [\"-3d@29:00\"", message: "(invalid time of day)"),
        Case(old: "  channels: [email, chat]", new: "  channels: [email, pigeon]", message: "pigeon"),
        Case(old: "    reminder: duty-reminder", new: "    reminder: no-such-template", message: "no-such-template"),
        Case(old: "  - id: water_quality_test", new: "  - id: Water Quality", message: "(duty id)"),
        Case(old: "  - id: seasonal_shortage_screening", new: "  - id: water_quality_test", message: "(duplicate duty id)"),
        Case(old: "    owner: {role: bureau_contact}\n    recurrence: {yearly: {month: 11",
             new: "    owner: {role: bureau_contactt}\n    recurrence: {yearly: {month: 11", message: "bureau_contactt"),
        Case(old: "    owner: {role: bureau_contact}\n    recurrence: {yearly: {month: 11",
             new: "    owner: {rol: bureau_contact}\n    recurrence: {yearly: {month: 11", message: "(missing required key)"),
        Case(old: "{yearly: {month: 11, day: 30}}", new: "{yearly: {month: 13, day: 30}}", message: "(out of range)"),
        Case(old: "{yearly: {month: 11, day: 30}}", new: "{yearly: {month: 11, day: 0}}", message: "(day 0 is not a day of the month)"),
        Case(old: "{yearly: {month: 11, day: 30}}", new: "{yearly: {month: 2, day: 30}}", message: "(date does not exist every year)"),
        Case(old: "{yearly: {month: 11, day: 30}}", new: "{yearly: {month: 11}}", message: "(missing required key)"),
        Case(old: "{yearly: {month: 11, day: 30}}", new: "{annually: {month: 11, day: 30}}", message: "(unknown key)"),
        Case(old: "{yearly: {month: 11, day: 30}}", new: "{rrule: \"FREQ=HOURLY\"}", message: "(invalid FREQ)"),
        Case(old: "{yearly: {month: 11, day: 30}}", new: "{rrule: \"FREQ=YEARLY;COUNT=3\"}", message: "(COUNT is not allowed in plugins)"),
        Case(old: "{yearly: {month: 11, day: 30}}", new: "{rrule: \"FREQ=MONTHLY;BYMONTHDAY=32\"}", message: "(out of range)"),
        Case(old: "{yearly: {month: 11, day: 30}}", new: "{rrule: \"BYMONTH=2\"}", message: "(missing FREQ)"),
        Case(old: "{yearly: {month: 11, day: 30}}", new: "{rrule: \"FREQ=WEEKLY;BYDAY=1MO\"}", message: "(ordinal BYDAY only with MONTHLY or YEARLY)"),
        Case(old: "{yearly: {month: 11, day: 30}}", new: "{rrule: \"FREQ=MONTHLY;BYSETPOS=1\"}", message: "(BYSETPOS needs another BY… part)"),
        Case(old: "{yearly: {month: 11, day: 30}}", new: "{rrule: \"FREQ=MONTHLY;;\"}", message: "(empty part)"),
        Case(old: "{monthly: {day: -1}}", new: "{monthly: {day: 0}}", message: "(day 0 is not a day of the month)"),
        Case(old: "{monthly: {day: -1}}", new: "{monthly: {day: 32}}", message: "(out of range)"),
        Case(old: "{quarterly: {month_of_quarter: 3, day: -1}}", new: "{quarterly: {month_of_quarter: 4, day: -1}}", message: "out of range"),
        Case(old: "{twice_a_year: [{month: 6, day: 30}, {month: 11, day: 30}]}", new: "{twice_a_year: [{month: 6, day: 30}]}", message: "(exactly two dates)"),
        Case(old: "      - {after: \"+1d@09:00\", roles: [bureau_head]}", new: "      - {after: \"+1q@09:00\", roles: [bureau_head]}", message: "(expected unit d or wd)"),
        Case(old: "      - {after: \"+1d@09:00\", roles: [bureau_head]}", new: "      - {after: \"+1d@09:00\", roles: [nobody]}", message: "nobody"),
        Case(old: "    evidence: [水质检测报告, 集中供水工程检测清单]", new: "    evidence: 水质检测报告", message: "(expected a list)"),
        Case(old: "    evidence: [水质检测报告, 集中供水工程检测清单]", new: "    evidence: [水质检测报告, &a 集中供水工程检测清单]", message: "(anchors and aliases are not allowed)"),
        Case(old: "    evidence: [水质检测报告, 集中供水工程检测清单]", new: "    evidence: [水质检测报告, 集中供水工程检测清单]]", message: "(syntax error)"),
        Case(old: "    evidence: [水质检测报告, 集中供水工程检测清单]", new: "    evidence: [水质检测报告, !!str 集中供水工程检测清单]", message: "(explicit tags are not allowed)"),
        Case(old: "    evidence: [水质检测报告, 集中供水工程检测清单]", new: "    evidence: [水质检测报告]\n    evidence: [x]", message: ""),
    ]

    static let overrideCases: [Case] = [
        Case(old: "format_version: 1", new: "format_version: 7", message: "(unsupported format_version)"),
        Case(old: "enabled: true", new: "enabled: maybe", message: "(expected true or false)"),
        Case(old: "channels: [email]", new: "channels: [fax]", message: "fax"),
        Case(old: "  quality_test_max_months: 12", new: "  quality_test_max_months: 99", message: "(above max)"),
        Case(old: "  quality_test_max_months: 12", new: "  quality_test_max_months: 123456789012345678901234567890", message: "(integer out of range)"),
        Case(old: "  quality_test_max_months: 12", new: "  no_such_parameter: 12", message: "no_such_parameter"),
        Case(old: "  water_quality_test:", new: "  no_such_duty:", message: "no_such_duty"),
        Case(old: "    reminders: [\"-7d@09:00\"]", new: "    reminders: [\"-7d@9\"]", message: "(invalid time of day)"),
        Case(old: "    escalation: [{after: \"+1d@09:00\", roles: [bureau_head]}]", new: "    escalation: [{after: \"+1d@09:00\", roles: [ghost]}]", message: "ghost"),
        Case(old: "    enabled: false", new: "    enabled: no way", message: "(expected true or false)"),
    ]

    /// A valid override of the water plugin, which each override case breaks on one line.
    static let override = """
        format_version: 1
        enabled: true
        channels: [email]
        parameters:
          quality_test_max_months: 12
        duties:
          water_quality_test:
            reminders: ["-7d@09:00"]
            escalation: [{after: "+1d@09:00", roles: [bureau_head]}]
          seasonal_shortage_screening:
            enabled: false

        """

    @Test func atLeastFortyGeneratedPluginCases() {
        #expect(Self.manifestCases.count + Self.overrideCases.count >= 40)
    }

    @Test func theUnbrokenOverrideIsValid() throws {
        let fixture = try PluginFixture()
        try fixture.writeOverride("water", Self.override)
        let result = fixture.validate()
        #expect(result.errors.isEmpty, "\(result.errors)")
    }

    @Test(arguments: manifestCases)
    func brokenManifestLineIsReportedThere(_ bad: Case) throws {
        let fixture = try PluginFixture()
        let line = try fixture.replace(bad.old, with: bad.new, in: "water")
        let changedLines = line...(line + bad.new.filter { $0 == "\n" }.count)
        Self.check(fixture.validate(), file: "plugins/water/plugin.yaml", lines: changedLines, bad, root: fixture.root)
    }

    @Test(arguments: overrideCases)
    func brokenOverrideLineIsReportedThere(_ bad: Case) throws {
        let fixture = try PluginFixture()
        let text = Self.override
        let range = try #require(text.range(of: bad.old), "\(bad.old)")
        let line = text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
        try fixture.writeOverride("water", text.replacingCharacters(in: range, with: bad.new))
        Self.check(fixture.validate(), file: "overrides/water.yaml", lines: line...line, bad, root: fixture.root)
    }

    /// The set is refused; every error is in `file` on one of `lines`, with a column, Chinese first and English
    /// in parentheses; the first contains the case's text.
    static func check(
        _ result: PluginValidationResult, file: String, lines: ClosedRange<Int>, _ bad: Case, root: String
    ) {
        #expect(result.set == nil, "\(bad): accepted")
        #expect(!result.errors.isEmpty, "\(bad): no error")
        let positions = result.errorPositions(relativeTo: root)
        for (position, error) in zip(positions, result.errors) {
            let parts = position.split(separator: ":")
            #expect(parts.count == 3 && String(parts[0]) == file, "\(bad): \(position) \(error.message)")
            #expect(parts.count == 3 && lines.contains(Int(parts[1]) ?? 0), "\(bad): \(position) \(error.message)")
            #expect(parts.count == 3 && (Int(parts[2]) ?? 0) >= 1, "\(bad): \(position)")
            let hasChinese = error.message.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
            #expect(hasChinese && error.message.contains("("), "\(bad): not Chinese-first with English: \(error.message)")
        }
        #expect(bad.message.isEmpty || result.errors.first?.message.contains(bad.message) == true, "\(bad): \(result.errors.map(\.description))")
    }
}
