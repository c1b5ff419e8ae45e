import DixianCore
import DixianYAML
import Foundation

/// An override document (覆盖配置) as a form changes it: some parameters and some keys of some duties set or removed,
/// every other key kept with its value. The text is written again in a fixed layout (top-level keys, then
/// `parameters:` and `duties:` one entry a line, values in flow style); comments are not kept.
///
/// The editor does not judge values: the plugin loader checks the text it writes, and ``line(ofParameter:)`` and
/// ``line(ofDuty:key:)`` put each error back on its field.
public struct OverrideEditor: Sendable {
    /// Top-level keys other than `parameters` and `duties`, in order, with their values as flow YAML.
    var others: [(key: String, value: String)] = []
    var parameters: [(name: String, value: String)] = []
    var duties: [(id: String, keys: [(key: String, value: String)])] = []

    private init(empty: Void) {}

    /// Nil when `text` is not a YAML mapping (then only the text itself can change it).
    public init?(text: String) {
        let diagnostics = DiagnosticCollector()
        guard let document = YAMLDocument(parsing: text, file: "override", diagnostics: diagnostics, options: .strict),
              document.root?.kind == .mapping || document.root == nil
        else { return nil }
        var editor = OverrideEditor(empty: ())
        // A `parameters` or a duty that is not a mapping cannot be edited key by key.
        var editable = true
        _ = document.readMapping { root in
            for entry in root.readAllEntries() {
                switch entry.key {
                case "parameters":
                    guard entry.value.kind == .mapping, var reader = entry.value.mapping() else { editable = false; continue }
                    editor.parameters = reader.readAllEntries().map { ($0.key, $0.value.flowText) }
                case "duties":
                    guard entry.value.kind == .mapping, var reader = entry.value.mapping() else { editable = false; continue }
                    for duty in reader.readAllEntries() {
                        guard duty.value.kind == .mapping, var keys = duty.value.mapping() else { editable = false; continue }
                        editor.duties.append((duty.key, keys.readAllEntries().map { ($0.key, $0.value.flowText) }))
                    }
                default:
                    editor.others.append((entry.key, entry.value.flowText))
                }
            }
        }
        guard editable, !diagnostics.hasErrors else { return nil }
        if !editor.others.contains(where: { $0.key == "format_version" }) { editor.others.insert(("format_version", "1"), at: 0) }
        self = editor
    }

    /// `text` as a YAML string value, for callers that build the values they set.
    public static func yamlString(_ text: String) -> String {
        YAMLValue.quoted(text)
    }

    /// Sets a parameter's value (YAML text), or with nil removes it (the plugin's default applies).
    public mutating func setParameter(_ name: String, _ value: String?) {
        let index = parameters.firstIndex { $0.name == name }
        switch (index, value) {
        case (let index?, let value?): parameters[index].value = value
        case (nil, let value?): parameters.append((name, value))
        case (let index?, nil): parameters.remove(at: index)
        case (nil, nil): break
        }
    }

    /// Sets one key of a duty's override (YAML text), or with nil removes it; a duty left without keys goes.
    public mutating func setDuty(_ id: String, _ key: String, _ value: String?) {
        var index = duties.firstIndex { $0.id == id }
        if index == nil, value != nil {
            duties.append((id, []))
            index = duties.count - 1
        }
        guard let index else { return }
        let keyIndex = duties[index].keys.firstIndex { $0.key == key }
        switch (keyIndex, value) {
        case (let keyIndex?, let value?): duties[index].keys[keyIndex].value = value
        case (nil, let value?): duties[index].keys.append((key, value))
        case (let keyIndex?, nil): duties[index].keys.remove(at: keyIndex)
        case (nil, nil): break
        }
        if duties[index].keys.isEmpty { duties.remove(at: index) }
    }

    /// The document, one line per top-level key, parameter and duty key.
    public var text: String {
        layout.lines.joined(separator: "\n") + "\n"
    }

    /// The line a parameter's value is written on (1-based), nil when it is not set.
    public func line(ofParameter name: String) -> Int? {
        layout.parameterLines[name]
    }

    /// The line a duty's key is written on (1-based), nil when it is not set.
    public func line(ofDuty id: String, key: String) -> Int? {
        layout.dutyLines[id + "." + key]
    }

    private var layout: (lines: [String], parameterLines: [String: Int], dutyLines: [String: Int]) {
        var lines = others.map { "\(YAMLValue.flowKey($0.key)): \($0.value)" }
        var parameterLines: [String: Int] = [:], dutyLines: [String: Int] = [:]
        if !parameters.isEmpty {
            lines.append("parameters:")
            for (name, value) in parameters {
                lines.append("  \(YAMLValue.flowKey(name)): \(value)")
                parameterLines[name] = lines.count
            }
        }
        if !duties.isEmpty {
            lines.append("duties:")
            for (id, keys) in duties {
                // A duty given as `{}` keeps its line: written bare, it would read back as null, which no duty is.
                lines.append("  \(YAMLValue.flowKey(id)):" + (keys.isEmpty ? " {}" : ""))
                for (key, value) in keys {
                    lines.append("    \(YAMLValue.flowKey(key)): \(value)")
                    dutyLines[id + "." + key] = lines.count
                }
            }
        }
        return (lines, parameterLines, dutyLines)
    }
}
