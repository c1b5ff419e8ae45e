import DixianDaemon
import DixianTestSupport
import DixianWeb
import Foundation
import Testing

/// Issue 21: every flag, route and metric of the code is in the docs, and the docs name none the code lacks.
@Suite("The docs and the code agree")
struct DocsAgreementTests {
    static let root = DixianBinary.packageRoot

    static func docs() throws -> DocsAgreement {
        DocsAgreement(text: try DocsAgreement.documents.map {
            try String(contentsOfFile: "\(root)/\($0)", encoding: .utf8)
        }.joined(separator: "\n"))
    }

    /// Every long flag of every command, from the argument parser's own description of the tool.
    static func flags() async throws -> (flags: [DocsAgreement.Flag], commands: Set<[String]>) {
        let dump = try await CommandResult.run(["--experimental-dump-help"])
        #expect(dump.status == 0, "\(dump.errorOutput)")
        let tool = try #require(try JSONSerialization.jsonObject(with: Data(dump.output.utf8)) as? [String: Any])
        var flags: [DocsAgreement.Flag] = []
        var commands: Set<[String]> = [[]]
        func walk(_ command: [String: Any], _ path: [String]) {
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                let names = argument["names"] as? [[String: Any]] ?? []
                if let long = names.first(where: { $0["kind"] as? String == "long" })?["name"] as? String {
                    flags.append(DocsAgreement.Flag(command: path, name: long))
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String else { continue }
                commands.insert(path + [name])
                walk(sub, path + [name])
            }
        }
        walk(try #require(tool["command"] as? [String: Any]), [])
        return (flags, commands)
    }

    /// Metric names the code registers: every `name:`/`label:` literal starting `dixian_` in Sources.
    static func codeMetrics() throws -> Set<String> {
        let pattern = try NSRegularExpression(pattern: "(?:name|label): \"(dixian_[a-z0-9_]+)\"")
        var names: Set<String> = []
        let sources = URL(fileURLWithPath: root + "/Sources")
        for case let url as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { names.insert(String(text[range])) }
            }
        }
        return names
    }

    @Test("every flag of every command is documented, and every documented flag exists for its command")
    func flagsAgree() async throws {
        let (flags, commands) = try await Self.flags()
        #expect(flags.count > 50, "the parser describes the tool")
        let docs = try Self.docs()
        #expect(docs.undocumented(flags).map(\.description) == [])
        #expect(docs.unknownDocumentedFlags(flags, commands: commands) == [])
    }

    @Test("a flag nobody documented is caught, and so is a documented flag the code lacks")
    func checksCatchDrift() async throws {
        let (flags, commands) = try await Self.flags()
        let added = DocsAgreement.Flag(command: ["serve"], name: "frobnicate-everything")
        let docs = try Self.docs()
        #expect(docs.undocumented(flags + [added]) == docs.undocumented(flags) + [added])
        let drifted = DocsAgreement(text: "Run `dixian recur --frobnicate 3` and `dixian serve --config x`.")
        #expect(drifted.unknownDocumentedFlags(flags, commands: commands) == ["dixian recur --frobnicate"])
    }

    @Test("every route is documented")
    func routesAgree() throws {
        let paths = HTTPEndpoints.routes.map(\.path)
        #expect(paths.count >= 9)
        let undocumented = try Self.docs().undocumentedRoutes(paths)
        #expect(undocumented == [], "routes the docs do not mention: \(undocumented)")
        #expect(DocsAgreement(text: "see /api/v1/occurrences").undocumentedRoutes(["/api/v1/occurrences/:id/done"]).count == 1)
    }

    @Test("every metric is documented, and the docs name no metric the code lacks")
    func metricsAgree() throws {
        let code = try Self.codeMetrics()
        #expect(code.contains("dixian_notify_sent_total") && code.count > 15)
        // `dixian_outbox` and `dixian_plugin_overrides` are LISTEN channels the docs mention, not metrics.
        let (missing, unknown) = try Self.docs().metricDisagreements(code: code, ignoring: ["dixian_outbox", "dixian_plugin_overrides"])
        #expect(missing == [], "metrics the docs do not mention")
        #expect(unknown == [], "metrics the docs mention that the code lacks")
    }

    /// Every key the configuration reader asks for, by its leaf name (`batch_size`), read from the reader's code.
    static func configurationKeys() throws -> Set<String> {
        let pattern = try NSRegularExpression(
            pattern: "\\.(?:value|string|int|bool|duration|oneOf|enum|sequence|mapping|withMapping|path)\\(\"([a-z_]+)\"")
        var keys: Set<String> = []
        let directory = root + "/Sources/DixianDaemon/Configuration"
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: "\(directory)/\(file)", encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { keys.insert(String(text[range])) }
            }
        }
        return keys
    }

    @Test("every configuration key the reader knows is documented")
    func configurationKeysDocumented() throws {
        let keys = try Self.configurationKeys()
        #expect(keys.contains("dead_letter_role") && keys.count > 40, "the reader's keys are found")
        let text = try Self.docs().text
        let missing = keys.filter { key in
            !(text.contains("`\(key)") || text.contains(".\(key)`") || text.contains("\n  \(key):") || text.contains("\n\(key):")
                || text.contains(" \(key):"))
        }
        #expect(missing.sorted() == [], "configuration keys the docs do not mention")
    }

    @Test("every dotted configuration key the docs name is one the reader accepts")
    func documentedKeysExist() throws {
        let sections = try String(contentsOfFile: Self.root + "/config/dixian.yaml", encoding: .utf8)
            .split(separator: "\n").compactMap { line -> String? in
                guard let colon = line.firstIndex(of: ":"), line.first?.isLetter == true else { return nil }
                return String(line[..<colon])
            }
        #expect(sections.contains("notify") && sections.contains("http"))
        // The operator's documents: the plugin guide's dotted names (`links.view`) are template variables.
        let text = try ["README.md", "deploy/README.md"].map { try String(contentsOfFile: "\(Self.root)/\($0)", encoding: .utf8) }
            .joined(separator: "\n")
        let pattern = try NSRegularExpression(pattern: "`((?:\(sections.joined(separator: "|")))(?:\\.[a-z_]+)+)`")
        let documented = Set(pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }).subtracting(["plugins.d"])  // the overrides directory's name, not a key
        #expect(documented.count > 20)
        var unknown: [String] = []
        for key in documented.sorted() {
            // The key with a null value: a wrong type is fine here, an unknown key is not.
            let parts = key.split(separator: ".")
            let yaml = parts.enumerated().map { String(repeating: "  ", count: $0.offset) + $0.element + ":" }
                .joined(separator: "\n") + " ~\n"
            do {
                _ = try ConfigurationLoader.parse(yaml, file: "docs.yaml")
            } catch {
                if error.diagnostics.contains(where: { $0.message.contains("未知的键") }) { unknown.append(key) }
            }
        }
        #expect(unknown == [], "keys the docs name that the reader refuses as unknown")
    }
}
