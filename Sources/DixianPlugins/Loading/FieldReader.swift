import DixianCore
import DixianYAML
import Foundation

/// Typed, pattern-checked reads of single values shared by the plugin and override readers.
///
/// Each read reports what is wrong at the value (or inside it) and returns nil, so reading carries on and
/// every problem of a file is collected.
struct FieldReader {
    let diagnostics: DiagnosticCollector

    /// Reports an error at `location`.
    func error(_ message: String, at location: Diagnostic.Location, hint: String? = nil) {
        diagnostics.error(message, at: location, hint: hint)
    }

    /// A string that is not empty (`minLength: 1`).
    func text(_ value: YAMLValue?) -> Located<String>? {
        guard let value, let text = value.string() else { return nil }
        guard !text.isEmpty else {
            value.error("不能为空字符串 (must not be empty)")
            return nil
        }
        return Located(text, at: value.location)
    }

    /// Any string, empty allowed.
    func anyText(_ value: YAMLValue?) -> Located<String>? {
        guard let value, let text = value.string() else { return nil }
        return Located(text, at: value.location)
    }

    /// A string satisfying `predicate`, else `message` with `hint`.
    func pattern(
        _ value: YAMLValue?,
        _ predicate: (String) -> Bool,
        message: (String) -> String,
        hint: String? = nil
    ) -> Located<String>? {
        guard let value, let text = value.string() else { return nil }
        guard predicate(text) else {
            value.error(message(text), hint: hint)
            return nil
        }
        return Located(text, at: value.location)
    }

    /// An identifier `^[a-z][a-z0-9_]{0,63}$`; `what` names it in the message, e.g. `角色 id (role id)`.
    func identifier(_ value: YAMLValue?, what: String) -> Located<String>? {
        pattern(
            value, { Patterns.isIdentifier($0) },
            message: { "无效的\(what) '\($0)'" },
            hint: "小写字母开头，仅含小写字母、数字、下划线，最长 64 / lower-case letter first, then a-z 0-9 _, at most 64"
        )
    }

    /// An identifier written as a mapping key.
    func identifier(key: String, at location: Diagnostic.Location, what: String) -> Located<String>? {
        guard Patterns.isIdentifier(key) else {
            error(
                "无效的\(what) '\(key)'", at: location,
                hint: "小写字母开头，仅含小写字母、数字、下划线，最长 64 / lower-case letter first, then a-z 0-9 _, at most 64")
            return nil
        }
        return Located(key, at: location)
    }

    /// A boolean.
    func bool(_ value: YAMLValue?) -> Located<Bool>? {
        guard let value, let flag = value.bool() else { return nil }
        return Located(flag, at: value.location)
    }

    /// An integer in `range`.
    func int(_ value: YAMLValue?, in range: ClosedRange<Int>? = nil) -> Located<Int>? {
        guard let value, let number = value.int(in: range) else { return nil }
        return Located(number, at: value.location)
    }

    /// A case of a string enumeration.
    func oneOf<Value>(_ value: YAMLValue?, _ type: Value.Type) -> Located<Value>?
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        guard let value, let result = value.enum(type) else { return nil }
        return Located(result, at: value.location)
    }

    /// A calendar date `YYYY-MM-DD` that exists.
    func date(_ value: YAMLValue?) -> Located<CalendarDate>? {
        guard let value, let text = value.string() else { return nil }
        guard let date = CalendarDate(parsing: text) else {
            let shape = text.utf8.count == 10 && Patterns.isPartialDate(text)
            value.error(
                shape ? "日期 '\(text)' 不存在 (not a calendar date)" : "无效的日期 '\(text)' (invalid date)",
                hint: "格式 / format: \"YYYY-MM-DD\", 如 / e.g. \"2026-08-15\"")
            return nil
        }
        return Located(date, at: value.location)
    }

    /// A time of day `HH:MM`.
    func time(_ value: YAMLValue?) -> Located<TimeOfDay>? {
        guard let value, let text = value.string() else { return nil }
        guard let time = TimeOfDay(parsing: text) else {
            value.error("无效的时刻 '\(text)' (invalid time of day)", hint: "格式 / format: \"HH:MM\", 00:00–23:59")
            return nil
        }
        return Located(time, at: value.location)
    }

    /// A reminder or escalation offset such as `-3d@09:00`.
    func offset(_ value: YAMLValue?) -> Located<ScheduleOffset>? {
        guard let value, let text = value.string() else { return nil }
        do {
            return Located(try ScheduleOffset(parsing: text), at: value.location)
        } catch {
            report(error, in: value, text: text, what: "偏移 (offset)")
            return nil
        }
    }

    /// `period_start` or a negative offset without time.
    func opening(_ value: YAMLValue?) -> Located<OccurrenceOpening>? {
        guard let value, let text = value.string() else { return nil }
        do {
            return Located(try OccurrenceOpening(parsing: text), at: value.location)
        } catch {
            report(error, in: value, text: text, what: "开放时间 (opens)")
            return nil
        }
    }

    /// Reports a syntax error from a DixianCore parser at its own column inside the scalar.
    func report(_ failure: RecurrenceSyntaxError, in value: YAMLValue, text: String, what: String) {
        error(
            "\(failure.message)：\(what) '\(text)'", at: value.location(atScalarOffset: failure.offset),
            hint: failure.hint)
    }

    /// A list whose items are read by `item`, with at least `minimum` items and, if `uniqueBy` is given,
    /// no item twice (the repeat is reported).
    func list<T>(
        _ value: YAMLValue?,
        minimum: Int = 0,
        uniqueBy key: ((T) -> String)? = nil,
        _ item: (YAMLValue) -> Located<T>?
    ) -> Located<[Located<T>]>? {
        guard let value, let items = value.sequence() else { return nil }
        if items.count < minimum {
            value.error("列表至少需要 \(minimum) 项 (needs at least \(minimum) item(s))")
        }
        var result: [Located<T>] = []
        var seen: [String: Diagnostic.Location] = [:]
        for itemValue in items {
            guard let read = item(itemValue) else { continue }
            if let key {
                let identity = key(read.value)
                if let first = seen[identity] {
                    error(
                        "列表中重复的项 '\(identity)' (duplicate item)", at: read.location,
                        hint: "首次出现在 / first at \(first.line):\(first.column)")
                    continue
                }
                seen[identity] = read.location
            }
            result.append(read)
        }
        return Located(result, at: value.location)
    }

    /// A list of non-empty, unique strings.
    func textList(_ value: YAMLValue?, minimum: Int = 0) -> Located<[Located<String>]>? {
        list(value, minimum: minimum, uniqueBy: { $0 }) { text($0) }
    }

    /// A list of unique identifiers.
    func identifierList(_ value: YAMLValue?, minimum: Int = 0, what: String) -> Located<[Located<String>]>? {
        list(value, minimum: minimum, uniqueBy: { $0 }) { identifier($0, what: what) }
    }
}
