import Foundation

/// What the docs say against what the code has (issue 21): command-line flags, HTTP routes and metric names.
///
/// Pure: the lists come in, the disagreements go out, so a test can also feed it a flag nobody documented.
struct DocsAgreement {
    /// The operator-facing documents, relative to the repository root.
    static let documents = [
        "README.md", "deploy/README.md", "plugins/README.md", "config/plugins/README.md", "config/demo/README.md",
        "docs/ARCHITECTURE.md",
    ]

    /// A command-line flag: the command path (`["duty", "ical"]`) and the long name without dashes.
    struct Flag: Hashable, CustomStringConvertible {
        var command: [String]
        var name: String
        var description: String { "dixian \(command.joined(separator: " ")) --\(name)" }
    }

    /// The text of every document.
    let text: String

    /// Flags of the code that no document mentions as `--name`.
    func undocumented(_ flags: [Flag]) -> [Flag] {
        flags.filter { !["help", "version"].contains($0.name) && !text.contains("--" + $0.name) }
    }

    /// `dixian …` invocations in the docs whose flags the named command does not have.
    ///
    /// On a line, `dixian` followed by words that name a command, then `--flags`: each flag must belong to that
    /// command. Lines that only mention a binary path (no command after it) are read as the root command.
    func unknownDocumentedFlags(_ flags: [Flag], commands: Set<[String]>) -> [String] {
        let byCommand = Dictionary(grouping: flags, by: \.command).mapValues { Set($0.map(\.name)) }
        var unknown: Set<String> = []
        for line in text.split(separator: "\n") {
            var rest = Substring(line)
            while let range = rest.range(of: "dixian ") {
                // The invocation ends where its code span, table cell or shell comment does.
                let invocation = rest[range.upperBound...].prefix { $0 != "`" && $0 != "|" && $0 != "#" && $0 != "(" }
                let words = invocation.split(separator: " ")
                var command: [String] = []
                for word in words where !word.hasPrefix("-") {
                    guard commands.contains(command + [String(word)]) else { break }
                    command.append(String(word))
                }
                for word in words where word.hasPrefix("--") {
                    let name = word.dropFirst(2).prefix { $0.isLetter || $0.isNumber || $0 == "-" }
                    guard !name.isEmpty, !["help", "version"].contains(String(name)) else { continue }
                    if !(byCommand[command]?.contains(String(name)) ?? false) {
                        unknown.insert("dixian \(command.joined(separator: " ")) --\(name)")
                    }
                }
                rest = rest[range.upperBound...]
            }
        }
        return unknown.sorted()
    }

    /// Routes no document mentions, parameters (`:id`) matching any placeholder (`{id}`, `TOKEN`).
    func undocumentedRoutes(_ paths: [String]) -> [String] {
        paths.filter { path in
            let pattern = path.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(":") ? "[^/\\s`|]+" : NSRegularExpression.escapedPattern(for: String($0)) }
                .joined(separator: "/")
            return text.range(of: pattern + "(?![\\w/])", options: .regularExpression) == nil
        }
    }

    /// `dixian_…` metric names the docs mention that the code does not have, and code metrics they miss.
    func metricDisagreements(code: Set<String>, ignoring: Set<String>) -> (missing: [String], unknown: [String]) {
        let pattern = try! NSRegularExpression(pattern: "dixian_[a-z0-9_]+")
        let range = NSRange(text.startIndex..., in: text)
        let mentioned = Set(pattern.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } })
        let missing = code.filter { !mentioned.contains($0) }.sorted()
        let unknown = mentioned.subtracting(code).subtracting(ignoring).filter { name in
            // A histogram's series (`_bucket`, `_sum`, `_count`) belong to its family.
            !code.contains { name.hasPrefix($0 + "_") }
        }.sorted()
        return (missing, unknown)
    }
}
