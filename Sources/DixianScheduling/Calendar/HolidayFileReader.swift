import DixianCore
import DixianYAML

/// Reads one `cn-YYYY.yaml` mapping and checks what the schema cannot: dates in the year, no day both off and
/// worked, extra workdays on weekends.
struct HolidayFileReader {
    let diagnostics: DiagnosticCollector
    let file: String

    func read(_ root: inout MappingReader) -> HolidayYear? {
        let year = root.int("year", in: 1900...9999, required: true)
        let source = root.string("source", required: true)
        if let published = root.value("published"), let text = published.string(), CalendarDate(parsing: text) == nil {
            published.error("无效的日期 '\(text)' (invalid date)", hint: "YYYY-MM-DD")
        }
        let entries = root.sequence("holidays", required: true) ?? []
        guard let year else { return nil }
        checkFileName(year: year, at: root.keyLocation("year") ?? root.location)
        var holidays: [ReadHoliday] = []
        var offDays: [CalendarDate: String] = [:]
        var workedDays: [CalendarDate: Diagnostic.Location] = [:]
        for entry in entries {
            guard var mapping = entry.mapping() else { continue }
            defer { mapping.finish() }
            guard let holiday = readHoliday(&mapping, year: year) else { continue }
            for day in holiday.daysOff {
                if let other = offDays[day] {
                    diagnostics.error(
                        "\(day) 已是\(other)的假日 (day off listed twice)", at: mapping.keyLocation("days_off") ?? mapping.location)
                }
                offDays[day] = holiday.name
            }
            holidays.append(holiday)
            for (day, location) in holiday.extraWorkdayLocations { workedDays[day] = location }
        }
        for (day, location) in workedDays.sorted(by: { $0.value < $1.value }) {
            if let name = offDays[day] {
                diagnostics.error(
                    "\(day) 既是\(name)的假日又是调休上班日 (a day cannot be both a holiday and an extra workday)", at: location)
            }
        }
        return HolidayYear(year: year, holidays: holidays.map(\.holiday), source: source ?? "")
    }

    private struct ReadHoliday {
        var holiday: PublicHoliday
        var extraWorkdayLocations: [(CalendarDate, Diagnostic.Location)]
        var name: String { holiday.name }
        var daysOff: [CalendarDate] { holiday.daysOff }
    }

    private func readHoliday(_ mapping: inout MappingReader, year: Int) -> ReadHoliday? {
        let name = mapping.string("name", required: true)
        var first: CalendarDate?
        var last: CalendarDate?
        if var range = mapping.mapping("days_off", required: true) {
            first = date(range.value("from", required: true), year: year)
            last = date(range.value("through", required: true), year: year)
            if let first, let last, last < first {
                diagnostics.error("起始日 \(first) 晚于结束日 \(last) (from is after through)", at: range.location)
            }
            range.finish()
        }
        var worked: [(CalendarDate, Diagnostic.Location)] = []
        for value in mapping.sequence("extra_workdays") ?? [] {
            guard let day = date(value, year: year) else { continue }
            if !day.isWeekend {
                value.error(
                    "调休上班日 \(day) 是\(day.weekday.chineseName)，应为星期六或星期日 (an extra workday must be a Saturday or Sunday)")
            }
            worked.append((day, value.location))
        }
        guard let name, let first, let last, first <= last else { return nil }
        let holiday = PublicHoliday(name: name, from: first, through: last, extraWorkdays: worked.map(\.0))
        return ReadHoliday(holiday: holiday, extraWorkdayLocations: worked)
    }

    /// A `YYYY-MM-DD` date inside `year`, reported at the value otherwise.
    private func date(_ value: YAMLValue?, year: Int) -> CalendarDate? {
        guard let value, let text = value.string() else { return nil }
        guard let date = CalendarDate(parsing: text) else {
            value.error("无效的日期 '\(text)' (invalid date)", hint: "YYYY-MM-DD，例如 / e.g. \(year)-10-01")
            return nil
        }
        guard date.year == year else {
            value.error(
                "日期 \(date) 不在 \(year) 年内 (date outside the file's year)",
                hint: "上一年的日期请写入上一年的文件 / put it into the previous year's file")
            return nil
        }
        return date
    }

    /// `cn-2026.yaml` must say `year: 2026`.
    private func checkFileName(year: Int, at location: Diagnostic.Location) {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        guard name.hasPrefix("cn-"), name.hasSuffix(".yaml") else { return }
        let stem = name.dropFirst(3).dropLast(5)
        if stem != String(year) {
            diagnostics.error("文件名 \(name) 与 year: \(year) 不符 (file name and year differ)", at: location, hint: "应为 / expected cn-\(year).yaml")
        }
    }
}
