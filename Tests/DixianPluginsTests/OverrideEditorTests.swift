import DixianCore
import DixianYAML
import Foundation
import Testing

@testable import DixianPlugins

/// The console form's editor of an override text: what it keeps, what it writes, and that what it writes the plugin
/// loader reads as the same override.
@Suite("OverrideEditor: the form's edits of an override text")
struct OverrideEditorTests {
    @Test("keys the form does not show are kept, with their values; set and removed keys change only themselves")
    func keepsTheRest() throws {
        let text = """
            # 教育局 2026 年设置
            format_version: 1
            basis: {title: 岚川县实施方案, number: "岚巩衔组发〔2026〕3号"}
            channels: [email]
            parameters:
              employment_data_day: 5
            duties:
              employment_data_update:
                escalation:
                  - {after: "+1d@09:00", roles: [town_working_group]}
                reminders: ["-2d@09:00"]
            """
        var editor = try #require(OverrideEditor(text: text))
        editor.setParameter("employment_data_day", nil)
        editor.setParameter("transport_subsidy_rate_oct", "85")
        editor.setDuty("employment_data_update", "reminders", #"["-3d@10:00"]"#)
        editor.setDuty("skills_training_ledger", "enabled", "false")
        #expect(editor.text == """
            format_version: 1
            basis: {title: "岚川县实施方案", number: "岚巩衔组发〔2026〕3号"}
            channels: ["email"]
            parameters:
              transport_subsidy_rate_oct: 85
            duties:
              employment_data_update:
                escalation: [{after: "+1d@09:00", roles: ["town_working_group"]}]
                reminders: ["-3d@10:00"]
              skills_training_ledger:
                enabled: false

            """)
        #expect(editor.line(ofParameter: "transport_subsidy_rate_oct") == 5)
        #expect(editor.line(ofDuty: "employment_data_update", key: "reminders") == 9)
        #expect(editor.line(ofDuty: "skills_training_ledger", key: "enabled") == 11)
        editor.setDuty("skills_training_ledger", "enabled", nil)
        #expect(!editor.text.contains("skills_training_ledger"), "a duty left without keys goes")
    }

    @Test("the loader reads the written text as the same override as the original")
    func sameOverride() throws {
        let fixture = try PluginFixture()
        let original = try String(contentsOfFile: repositoryRoot + "/config/plugins/examples/employment.yaml", encoding: .utf8)
        let written = try #require(OverrideEditor(text: original)).text
        func loaded(_ text: String) throws -> Plugin {
            let result = PluginLoader.validate(
                pluginsDirectory: fixture.plugins, overridesDirectory: nil,
                storedOverrides: [StoredOverride(pluginID: "employment", version: 1, text: text)])
            return try #require(result.set?.plugin(id: "employment"), "\(result.errors)")
        }
        let (a, b) = (try loaded(original), try loaded(written))
        #expect(a.parameters.map(\.value) == b.parameters.map(\.value))
        #expect(a.duties.map(\.reminders) == b.duties.map(\.reminders) && a.duties.map(\.escalation) == b.duties.map(\.escalation))
        #expect(a.duties.map(\.channels) == b.duties.map(\.channels) && a.duties.map(\.alsoNotify) == b.duties.map(\.alsoNotify))
        #expect(a.duties.map(\.isEnabled) == b.duties.map(\.isEnabled))
    }

    @Test("not editable key by key: a list at the top, parameters that are not a mapping, broken YAML")
    func refused() {
        #expect(OverrideEditor(text: "- a\n- b\n") == nil)
        #expect(OverrideEditor(text: "format_version: 1\nparameters: [1]\n") == nil)
        #expect(OverrideEditor(text: "format_version: 1\nduties: {a: 1}\n") == nil)
        #expect(OverrideEditor(text: "format_version: [1\n") == nil)
        #expect(OverrideEditor(text: "")?.text == "format_version: 1\n", "empty: a new override")
    }

    @Test("a duty given as {} is written as {} and reads back (found by FuzzOverrideEditor)")
    func emptyDuty() throws {
        let editor = try #require(OverrideEditor(text: "format_version: 1\nduties:\n  visits: {}\n"))
        #expect(editor.text == "format_version: 1\nduties:\n  visits: {}\n")
        #expect(OverrideEditor(text: editor.text)?.text == editor.text)
    }

    /// Random overrides of random scalars, lists and mappings: written, read back and written again identically, and
    /// every value written is the YAML value it was read from.
    @Test("property: 500 random documents write stably and keep every value")
    func randomDocuments() throws {
        var random = SeededRandom(seed: 0x0E_D170)
        let scalars = ["1", "-7", "2.50", "true", "false", "null", #""文本""#, #""-3d@09:00""#, #""a\"b\\c""#, #""2026-08-29""#, #""""#, #""x: y""#]
        func value(_ depth: Int) -> String {
            switch depth > 1 ? 0 : random.next() % 4 {
            case 1: return "[" + (0..<Int(random.next() % 3)).map { _ in value(depth + 1) }.joined(separator: ", ") + "]"
            case 2: return "{" + (0..<Int(random.next() % 3)).map { "k\($0): \(value(depth + 1))" }.joined(separator: ", ") + "}"
            default: return scalars[Int(random.next() % UInt64(scalars.count))]
            }
        }
        for _ in 0..<500 {
            var lines = ["format_version: 1", "enabled: \(value(1))"]
            let parameters = (0..<Int(random.next() % 4)).map { "p\($0)" }
            if !parameters.isEmpty { lines += ["parameters:"] + parameters.map { "  \($0): \(value(0))" } }
            lines += ["duties:", "  d1:", "    reminders: \(value(1))", "    basis: \(value(1))"]
            let text = lines.joined(separator: "\n") + "\n"
            let editor = try #require(OverrideEditor(text: text), "\(text)")
            let again = try #require(OverrideEditor(text: editor.text), "\(editor.text)")
            #expect(again.text == editor.text)
            #expect(Self.values(text) == Self.values(editor.text), "\(text)\n---\n\(editor.text)")
        }
    }

    /// Every scalar of a document with its path and YAML kind, as the strict reader sees them.
    static func values(_ text: String) -> [String] {
        let document = YAMLDocument(parsing: text, file: "t", diagnostics: DiagnosticCollector(), options: .strict)
        var out: [String] = []
        func walk(_ value: YAMLValue, _ path: String) {
            switch value.kind {
            case .mapping:
                guard var reader = value.mapping() else { return }
                for entry in reader.readAllEntries() { walk(entry.value, path + "." + entry.key) }
            case .sequence:
                for (index, item) in (value.sequence() ?? []).enumerated() { walk(item, path + "[\(index)]") }
            default:
                out.append("\(path)=\(value.kind):\(value.scalarText ?? "")")
            }
        }
        _ = document?.readMapping { root in
            for entry in root.readAllEntries() { walk(entry.value, entry.key) }
        }
        return out
    }
}
