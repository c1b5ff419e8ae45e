/// The lines of a YAML text as libyaml counts them, for looking up what is written at a mark.
///
/// libyaml ends a line at `\r\n`, `\r`, `\n` and also at NEL, LS and PS (YAML 1.1 line breaks), and counts
/// columns in Unicode scalars; this does the same so that positions agree with Yams' marks.
final class SourceText {
    let lines: [[Unicode.Scalar]]

    init(_ text: String) {
        var lines: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\n" where afterCarriageReturn:
                continue
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                lines.append(current)
                current = []
            default:
                current.append(scalar)
            }
        }
        lines.append(current)
        self.lines = lines
    }

    /// The scalar at a 1-based line and column, nil when out of range.
    func scalar(line: Int, column: Int) -> Unicode.Scalar? {
        guard line >= 1, line <= lines.count, column >= 1, column <= lines[line - 1].count else { return nil }
        return lines[line - 1][column - 1]
    }

    /// The 1-based line, empty when out of range.
    func line(_ number: Int) -> [Unicode.Scalar] {
        number >= 1 && number <= lines.count ? lines[number - 1] : []
    }
}
