import DixianCore
internal import Yams

extension YAMLValue {
    /// How a scalar is written.
    public enum ScalarStyle: Sendable, Hashable {
        case plain
        case singleQuoted
        case doubleQuoted
        /// `|` block.
        case literal
        /// `>` block.
        case folded
    }

    /// How the value is written, nil for a mapping or sequence.
    public var scalarStyle: ScalarStyle? {
        guard case .scalar(let scalar) = node else { return nil }
        switch scalar.style {
        case .singleQuoted: return .singleQuoted
        case .doubleQuoted: return .doubleQuoted
        case .literal: return .literal
        case .folded: return .folded
        case .plain, .any: return .plain
        }
    }

    /// Where the `offset`-th Unicode scalar of this scalar's content is written, so that a problem inside
    /// a string (an RRULE part, a template tag) is reported at its own column.
    ///
    /// Exact for single-line plain and quoted scalars without escapes before `offset`, and for literal
    /// (`|`) blocks, whose lines map one to one to the file's; otherwise the scalar's own position.
    public func location(atScalarOffset offset: Int) -> Diagnostic.Location {
        guard let text = scalarText, offset > 0 else { return location }
        let prefix = Array(text.unicodeScalars.prefix(offset))
        let start = location
        switch scalarStyle {
        case .plain?, .singleQuoted?, .doubleQuoted?:
            guard !prefix.contains("\n"), !(scalarStyle == .doubleQuoted && prefix.contains("\\")) else {
                return start
            }
            let quote = scalarStyle == .plain ? 0 : 1
            return Diagnostic.Location(file: file, line: start.line, column: start.column + quote + prefix.count)
        case .literal?:
            guard let source = context.source else { return start }
            let lineOffset = prefix.count { $0 == "\n" }
            let columnOffset = prefix.count - ((prefix.lastIndex(of: "\n") ?? -1) + 1)
            // libyaml takes the block's indentation from its first non-blank line.
            var indentation = 0
            var number = start.line + 1
            while number <= source.lines.count {
                let line = source.line(number)
                if line.contains(where: { $0 != " " }) {
                    indentation = line.prefix { $0 == " " }.count
                    break
                }
                number += 1
            }
            return Diagnostic.Location(
                file: file, line: start.line + 1 + lineOffset, column: indentation + 1 + columnOffset)
        default:
            return start
        }
    }
}
