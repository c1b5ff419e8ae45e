import DixianPlugins
import Foundation

/// The 本部门配置 form written into an override text (覆盖配置): a field per declared parameter (`p.<name>`), and per
/// duty whether it runs, its reminders, its channels and the roles also reminded (`d.<id>.enabled`, `.reminders`,
/// `.channels`, `.also_notify`).
///
/// A field still showing the running value changes nothing, so that every key the form does not show (the
/// escalation ladder, `basis`, the plugin's own channels) is kept as the current version has it; a changed field
/// sets its key, and an emptied parameter goes back to the plugin's default. Values are written as typed, never
/// judged here: the loader checks the text, and each error comes back on its field through ``lines``.
struct OverrideForm {
    /// The override text to check.
    var text: String
    /// The line each changed field's value is written on, by field name.
    var lines: [String: Int]

    /// The form's field name of a parameter.
    static func field(_ parameter: Parameter) -> String { "p." + parameter.name }

    /// The form's field name of a duty's key.
    static func field(_ duty: Duty, _ key: DutyKey) -> String { "d.\(duty.id).\(key.rawValue)" }

    /// The keys of a duty the form edits.
    enum DutyKey: String, CaseIterable {
        case enabled, reminders, channels
        case alsoNotify = "also_notify"

        /// The running value as the form shows it.
        func value(of duty: Duty) -> String {
            switch self {
            case .enabled: duty.isEnabled ? "true" : "false"
            case .reminders: duty.reminders.map(\.description).joined(separator: ", ")
            case .channels: duty.channels.joined(separator: ", ")
            case .alsoNotify: duty.alsoNotify.joined(separator: ", ")
            }
        }

        /// A typed value as YAML.
        func yaml(_ typed: String) -> String {
            switch self {
            case .enabled: typed == "true" ? "true" : "false"
            case .reminders, .channels, .alsoNotify: OverrideForm.list(typed, numeric: false)
            }
        }
    }

    /// Nil when `current` cannot be edited key by key (then only the YAML text can change it).
    init?(current: String?, plugin: Plugin, fields: [String: String]) {
        guard var editor = OverrideEditor(text: current ?? "format_version: 1\n") else { return nil }
        for parameter in plugin.parameters {
            let field = Self.field(parameter)
            guard let typed = Self.typed(fields[field]), typed != Self.formValue(parameter.value, parameter) else { continue }
            editor.setParameter(parameter.name, typed.isEmpty ? nil : Self.yaml(typed, parameter))
        }
        for duty in plugin.duties {
            for key in DutyKey.allCases {
                let field = Self.field(duty, key)
                guard let typed = Self.typed(fields[field]), Self.normalized(typed) != Self.normalized(key.value(of: duty)) else { continue }
                editor.setDuty(duty.id, key.rawValue, key.yaml(typed))
            }
        }
        text = editor.text
        lines = [:]
        for parameter in plugin.parameters { if let line = editor.line(ofParameter: parameter.name) { lines[Self.field(parameter)] = line } }
        for duty in plugin.duties {
            for key in DutyKey.allCases { if let line = editor.line(ofDuty: duty.id, key: key.rawValue) { lines[Self.field(duty, key)] = line } }
        }
    }

    /// A field's text trimmed; nil when the form did not send it.
    static func typed(_ value: String?) -> String? {
        value?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A list as compared: items split on commas (either width) and 、, blanks dropped.
    static func normalized(_ text: String) -> [String] {
        text.split(whereSeparator: { ",，、".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A parameter's value as the form shows it: dates as `YYYY-MM-DD`, lists joined by `, `.
    static func formValue(_ value: ParameterValue, _ parameter: Parameter) -> String {
        switch value {
        case .date(let date): date.description
        case .list(let items): items.map { formValue($0, parameter) }.joined(separator: ", ")
        default: value.formatted(as: parameter.itemKind ?? parameter.kind)
        }
    }

    /// A typed parameter as YAML: a number stays a number, anything else is a quoted string, so that the loader
    /// (not this form) says what is wrong with it.
    static func yaml(_ typed: String, _ parameter: Parameter) -> String {
        if parameter.kind == .list { return list(typed, numeric: parameter.itemKind?.isNumeric == true) }
        return scalar(typed, numeric: parameter.kind.isNumeric)
    }

    static func list(_ typed: String, numeric: Bool) -> String {
        "[" + normalized(typed).map { scalar($0, numeric: numeric) }.joined(separator: ", ") + "]"
    }

    private static func scalar(_ text: String, numeric: Bool) -> String {
        if numeric, text.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil { return text }
        return OverrideEditor.yamlString(text)
    }

    /// Whether `text` can be edited by the form.
    static func isEditable(_ text: String?) -> Bool {
        OverrideEditor(text: text ?? "format_version: 1\n") != nil
    }
}
