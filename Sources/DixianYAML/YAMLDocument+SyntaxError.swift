import DixianCore
internal import Yams

extension YAMLDocument {
    /// Turns a Yams error into a diagnostic at the position libyaml reported.
    static func diagnostic(for error: any Error, text: String, file: String) -> Diagnostic {
        guard let error = error as? YamlError else {
            return Diagnostic(file: file, line: 1, column: 1, message: "YAML 错误 (YAML error): \(error)")
        }
        func location(_ mark: Mark) -> Diagnostic.Location {
            Diagnostic.Location(file: file, line: mark.line, column: mark.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var hints: [String] = []
            if let context {
                hints.append("\(context.text) at \(context.mark)")
            }
            if line(mark.line, of: text).contains("\t") {
                hints.append("YAML 不能用制表符缩进, 请用空格 / indent with spaces, not tabs")
            }
            return Diagnostic(
                at: location(mark),
                message: "YAML 语法错误 (syntax error): \(problem)",
                hint: hints.isEmpty ? nil : hints.joined(separator: "; ")
            )
        case .reader(let problem, let offset, _, _):
            return Diagnostic(
                at: characterLocation(offset ?? 0, in: text, file: file),
                message: "YAML 读取错误 (unreadable input): \(problem)"
            )
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = location(context.mark)
            let repeated = repeatedKeyLocation(key, after: first, in: text)
            return Diagnostic(
                at: repeated ?? first,
                message: "重复的键 '\(key)' (duplicate key)",
                hint: repeated == nil
                    ? "每个键只能出现一次 / a key may appear only once"
                    : "首次出现在 / first defined at \(first.line):\(first.column)"
            )
        default:
            return Diagnostic(file: file, line: 1, column: 1, message: "YAML 错误 (YAML error): \(error)")
        }
    }

    /// The location of the `offset`-th character, for reader errors, which Yams reports as an offset.
    static func characterLocation(_ offset: Int, in text: String, file: String) -> Diagnostic.Location {
        var position = TextPosition()
        for character in text.prefix(max(0, offset)) {
            for scalar in character.unicodeScalars {
                position.advance(over: scalar)
            }
        }
        return Diagnostic.Location(file: file, line: position.line, column: position.column)
    }

    /// Yams reports a duplicate key at its first occurrence. In block style, the repeat is on a later line at
    /// the same indentation, which is where the operator has to look; find it there if it is that simple.
    static func repeatedKeyLocation(
        _ key: String,
        after first: Diagnostic.Location,
        in text: String
    ) -> Diagnostic.Location? {
        let indentation = first.column - 1
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard first.line >= 1, first.line < lines.count else { return nil }
        let spellings = [key, "'\(key)'", "\"\(key)\""]
        for number in (first.line + 1)...lines.count {
            let scalars = lines[number - 1].unicodeScalars
            let content = scalars.drop { $0 == " " }
            let leading = scalars.count - content.count
            if content.isEmpty || content.first == "#" { continue }
            if leading < indentation { return nil }
            guard leading == indentation else { continue }
            for spelling in spellings where String(content).hasPrefix(spelling) {
                let rest = String(content).dropFirst(spelling.count).drop { $0 == " " }
                if rest.first == ":" {
                    return Diagnostic.Location(file: first.file, line: number, column: first.column)
                }
            }
        }
        return nil
    }

    /// The text of a 1-based line, or "" when out of range.
    private static func line(_ number: Int, of text: String) -> Substring {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        return number >= 1 && number <= lines.count ? lines[number - 1] : ""
    }
}
