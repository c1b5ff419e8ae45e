import DixianPlugins
import Foundation

/// The 本部门配置 form's parameters written into an override text (覆盖配置): a field per declared parameter,
/// named `p.<name>`, whose value is written as YAML under `parameters:`.
///
/// The rest of the current text (the plugin's channels, its duties, its `basis`) is carried over line for line, so
/// that a bureau changing one parameter in the form keeps what the county office wrote as YAML. Only the
/// `parameters:` block is rewritten, comments inside it included. Values are written as typed, never judged here:
/// the loader checks type and range, and each error comes back on its field through ``lines``.
struct OverrideForm {
    /// The override text to check.
    var text: String
    /// The line each parameter's value is written on, to put the loader's errors next to their fields.
    var lines: [String: Int]

    /// The form's field name of a parameter.
    static func field(_ parameter: Parameter) -> String { "p." + parameter.name }

    /// Nil when `current` is not written as a block mapping whose top-level keys start their lines (then only the
    /// YAML text can change it).
    init?(current: String?, parameters: [Parameter], fields: [String: String]) {
        guard var sections = Self.sections(of: current ?? "format_version: 1\n") else { return nil }
        sections.removeAll { $0.key == "parameters" }
        var body = sections.flatMap(\.lines)
        var lines: [String: Int] = [:]
        let values = parameters.compactMap { parameter -> (String, String)? in
            let typed = fields[Self.field(parameter)]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !typed.isEmpty, typed != Self.formValue(parameter.defaultValue, parameter) else { return nil }
            return (parameter.name, Self.yaml(typed, parameter))
        }
        if !values.isEmpty {
            body.append("parameters:")
            for (name, value) in values {
                body.append("  \(name): \(value)")
                lines[name] = body.count
            }
        }
        self.text = body.joined(separator: "\n") + "\n"
        self.lines = lines
    }

    /// A parameter's value as the form shows it: dates as `YYYY-MM-DD`, lists joined by `, `.
    static func formValue(_ value: ParameterValue, _ parameter: Parameter) -> String {
        switch value {
        case .date(let date): date.description
        case .list(let items): items.map { formValue($0, parameter) }.joined(separator: ", ")
        default: value.formatted(as: parameter.itemKind ?? parameter.kind)
        }
    }

    /// A typed value as YAML: a number stays a number, anything else is a quoted string, so that the loader (not
    /// this form) says what is wrong with it.
    static func yaml(_ typed: String, _ parameter: Parameter) -> String {
        if parameter.kind == .list {
            let items = typed.split(whereSeparator: { ",，、".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
            return "[" + items.filter { !$0.isEmpty }.map { scalar($0, numeric: parameter.itemKind?.isNumeric == true) }.joined(separator: ", ") + "]"
        }
        return scalar(typed, numeric: parameter.kind.isNumeric)
    }

    private static func scalar(_ text: String, numeric: Bool) -> String {
        if numeric, text.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil { return text }
        // JSON's string syntax is YAML's double-quoted one.
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// One top-level key of a block mapping and its lines (comments above the next key stay with this one).
    struct Section {
        var key: String?
        var lines: [String]
    }

    /// The text cut at each line that starts a top-level key; nil when a line at the margin is neither a key, a
    /// comment nor blank (a flow mapping, a document marker).
    static func sections(of text: String) -> [Section]? {
        var sections: [Section] = [Section(key: nil, lines: [])]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map({ String($0.trimmingSuffix(while: \.isWhitespace)) }) {
            guard let first = line.first, first != " ", first != "#" else {
                sections[sections.count - 1].lines.append(line)
                continue
            }
            guard let match = line.prefixMatch(of: /([A-Za-z_][A-Za-z0-9_]*):(\s|$)/) else { return nil }
            sections.append(Section(key: String(match.output.1), lines: [line]))
        }
        // Trailing blank lines would pile up with every save.
        while let last = sections.last?.lines.last, last.isEmpty { sections[sections.count - 1].lines.removeLast() }
        return sections.contains { $0.key == "format_version" } ? sections : nil
    }
}

extension Substring {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
