import DixianCore
import Foundation
import Testing

@testable import DixianPlugins

/// Property: whatever a plugin or override file says, loading never crashes, and every diagnostic points
/// into a file that was loaded, at a line that exists (or 1:1 for whole-file problems).
@Suite struct LoaderFuzzTests {
    static let shipped: [LoaderFuzzTests.Source] = ["governance", "employment"].map { id in
        let file = "\(shippedPlugins)/\(id)/plugin.yaml"
        return Source(folder: id, file: file, text: (try? String(contentsOfFile: file, encoding: .utf8)) ?? "")
    }

    struct Source {
        var folder: String
        var file: String
        var text: String
    }

    static let fragments = [
        "0", "-1", "32", "3.5", "\"3\"", "yes", "~", "", " ", ":", ": ", "- ", "[", "]", "{", "}", ",", "#", "&a ",
        "*a",
        "!!str ", "<<: ", "$nope", "$data_push_day", "\"18:00\"", "18:00", "FREQ=MONTHLY;COUNT=2", "{{", "}}", "{{{",
        "{{#quantity}}", "{{/quantity}}", "{{.}}", "role: mayor", "village", "county_office", "\n", "\n  ", "\t",
        "中文", "\u{FEFF}", "\u{0}", "household", "after_event", "twice_a_year", "\"-3d@09:00\"", "+0d@17:00",
    ]

    /// Mutates `text` at 1–3 random places with fragments, or by deleting or duplicating a line.
    static func mutate(_ text: String, using generator: inout some RandomNumberGenerator) -> String {
        var lines = text.components(separatedBy: "\n")
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            let index = Int.random(in: 1..<lines.count, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: lines.remove(at: index)
            case 1: lines.insert(lines[index], at: index)
            default:
                var scalars = Array(lines[index].unicodeScalars)
                let position = Int.random(in: 0...scalars.count, using: &generator)
                let fragment = Array(fragments.randomElement(using: &generator)!.unicodeScalars)
                if position < scalars.count, Bool.random(using: &generator) {
                    scalars.replaceSubrange(position..<min(scalars.count, position + fragment.count), with: fragment)
                } else {
                    scalars.insert(contentsOf: fragment, at: position)
                }
                lines[index] = String(String.UnicodeScalarView(scalars))
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test func mutatedPluginsAndOverridesNeverCrash() {
        var generator = SeededRandom(seed: 0xD1_5EA5E)
        var rejected = 0
        for round in 0..<120 {
            var sources = Self.shipped
            let target = Int.random(in: 0..<sources.count, using: &generator)
            sources[target].text = Self.mutate(sources[target].text, using: &generator)
            var override =
                "format_version: 1\nparameters:\n  employment_data_day: 5\nduties:\n  sector_data_push:\n"
                + "    also_notify: [town_office]\n"
            if round % 3 == 0 { override = Self.mutate(override, using: &generator) }
            let result = PluginLoader.validate(
                plugins: sources.map { .init(folder: $0.folder, file: $0.file, bytes: Data($0.text.utf8)) },
                overrides: [
                    .init(file: "override/employment.yaml", pluginID: "employment", bytes: Data(override.utf8))
                ],
                channels: PluginLoader.defaultChannels, pluginsDirectory: shippedPlugins)
            if result.set == nil { rejected += 1 }
            let lineCounts = Dictionary(
                uniqueKeysWithValues: sources.map {
                    ($0.file, $0.text.split(separator: "\n", omittingEmptySubsequences: false).count)
                }
            )
            .merging([
                "override/employment.yaml": override.split(separator: "\n", omittingEmptySubsequences: false).count
            ]) { $1 }
            for diagnostic in result.diagnostics {
                let lines = lineCounts[diagnostic.file]
                #expect(lines != nil || diagnostic.file == shippedPlugins, "\(diagnostic)")
                #expect(diagnostic.line >= 1 && diagnostic.line <= max(1, lines ?? 1) + 1, "\(diagnostic)")
                #expect(!diagnostic.message.isEmpty)
            }
        }
        // Most mutations break something; the property is meaningful only if many are rejected.
        #expect(rejected > 60)
    }
}

