import DixianCore
import DixianYAML
import Foundation

/// Reads the holiday calendar: every `cn-YYYY.yaml` directly in a directory (`config/holidays/`, format in its
/// README) into one ``WorkCalendar``.
///
/// Strict and all-or-nothing like plugins: every problem of every file is collected with its
/// `file:line:column`, and one error rejects the whole calendar, so a reload keeps the running one.
///
/// ```swift
/// let calendar = try HolidayCalendarLoader.load(directory: "config/holidays")
/// calendar.isCovered(year: 2026)   // true
/// ```
public enum HolidayCalendarLoader {
    /// Where the calendar lives by default, relative to the working directory.
    public static let defaultDirectory = "config/holidays"

    /// Loads every `cn-*.yaml` file of `directory`, in name order. Other files are ignored.
    ///
    /// - Throws: ``HolidayCalendarError`` with every problem; `.directoryUnreadable` when the directory
    ///   cannot be listed (the caller may then fall back to ``WorkCalendar/plainWeekends`` and warn).
    public static func load(directory: String) throws(HolidayCalendarError) -> WorkCalendar {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw HolidayCalendarError(
                code: .directoryUnreadable,
                diagnostics: [Diagnostic(at: Diagnostic.Location(file: directory), message: "无法读取节假日目录 (cannot list the holidays directory)")])
        }
        let diagnostics = DiagnosticCollector()
        var years: [HolidayYear] = []
        var fileByYear: [Int: String] = [:]
        for name in names where name.hasPrefix("cn-") && name.hasSuffix(".yaml") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.error("无法读取文件 (cannot read file)", at: Diagnostic.Location(file: path))
                continue
            }
            guard let year = read(data, file: path, diagnostics: diagnostics) else { continue }
            if let earlier = fileByYear[year.year] {
                diagnostics.error("\(year.year) 年已在 \(earlier) 中定义 (year defined twice)", at: Diagnostic.Location(file: path))
                continue
            }
            fileByYear[year.year] = path
            years.append(year)
        }
        guard !diagnostics.hasErrors else {
            throw HolidayCalendarError(code: .invalid, diagnostics: diagnostics.diagnostics)
        }
        return WorkCalendar(years: years)
    }

    /// Parses one file's text, for tests and `dixian check`.
    ///
    /// - Parameter file: The path used in diagnostics; when it is named `cn-YYYY.yaml` the year must match.
    public static func parse(_ text: String, file: String) throws(HolidayCalendarError) -> HolidayYear {
        let diagnostics = DiagnosticCollector()
        guard let year = read(Data(text.utf8), file: file, diagnostics: diagnostics), !diagnostics.hasErrors else {
            throw HolidayCalendarError(code: .invalid, diagnostics: diagnostics.diagnostics)
        }
        return year
    }

    /// Reads and checks one file; nil (with errors reported) when it is unusable.
    static func read(_ data: Data, file: String, diagnostics: DiagnosticCollector) -> HolidayYear? {
        let before = diagnostics.list.errors.count
        let document = YAMLDocument(parsing: data, file: file, diagnostics: diagnostics, options: .strict)
        let year = document?.readMapping { root -> HolidayYear? in
            HolidayFileReader(diagnostics: diagnostics, file: file).read(&root)
        }
        guard let year = year ?? nil, diagnostics.list.errors.count == before else { return nil }
        return year
    }
}
