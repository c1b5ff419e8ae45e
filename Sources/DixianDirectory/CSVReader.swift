/// Reads CSV as RFC 4180 defines it and Excel writes it.
///
/// Fields are separated by commas; a field that contains a comma, a quote or a line break is
/// enclosed in double quotes, and a quote inside it is doubled. Records end at CRLF, LF or a lone
/// CR. Empty lines are skipped (their line numbers still count). Anything else — a quote inside
/// an unquoted field, text after a closing quote, a quote never closed — is a syntax error naming
/// the line, because guessing would shift columns silently.
public struct CSVReader: Sendable {
    /// The field separator, `,` by default.
    public var delimiter: Unicode.Scalar

    public init(delimiter: Unicode.Scalar = ",") {
        self.delimiter = delimiter
    }

    private enum State {
        case fieldStart
        case unquoted
        case quoted
        /// A quote seen inside a quoted field: either the first of a doubled quote, or the end.
        case quoteInQuoted
    }

    /// Every non-empty record of `text`.
    public func records(_ text: String) throws(DirectoryError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var state = State.fieldStart
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var previousWasCR = false
        // Whether the current record has any character; a record without is an empty line.
        var sawAnything = false

        func endRecord() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            if sawAnything {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
            sawAnything = false
        }

        for scalar in text.unicodeScalars {
            let isBreak = scalar == "\n" || scalar == "\r"
            // The LF of a CRLF was already counted with its CR.
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                if state == .quoted { field.append(scalar) }
                continue
            }
            previousWasCR = scalar == "\r"
            if !isBreak || state == .quoted { sawAnything = true }
            switch state {
            case .fieldStart, .unquoted:
                if scalar == self.delimiter {
                    fields.append(String(field))
                    field = String.UnicodeScalarView()
                    state = .fieldStart
                } else if isBreak {
                    endRecord()
                    state = .fieldStart
                    recordLine = line + 1
                } else if scalar == "\"" {
                    guard state == .fieldStart else {
                        throw Self.syntax(line, "未加引号的字段中出现了引号;含引号的字段须整体加引号并把引号写两遍 (quote inside an unquoted field)")
                    }
                    state = .quoted
                    quoteLine = line
                } else {
                    field.append(scalar)
                    state = .unquoted
                }
            case .quoted:
                if scalar == "\"" {
                    state = .quoteInQuoted
                } else {
                    field.append(scalar)
                }
            case .quoteInQuoted:
                if scalar == "\"" {
                    field.append(scalar)
                    state = .quoted
                } else if scalar == self.delimiter {
                    fields.append(String(field))
                    field = String.UnicodeScalarView()
                    state = .fieldStart
                } else if isBreak {
                    endRecord()
                    state = .fieldStart
                    recordLine = line + 1
                } else {
                    throw Self.syntax(line, "右引号之后应为逗号或换行 (expected a comma or line break after a closing quote)")
                }
            }
            if isBreak { line += 1 }
        }
        switch state {
        case .quoted:
            throw Self.syntax(quoteLine, "引号未闭合,直到文件结尾 (a quoted field is never closed)")
        case .fieldStart where !sawAnything:
            break  // the file ended with a line break (or is empty)
        default:
            endRecord()
        }
        return records
    }

    private static func syntax(_ line: Int, _ message: String) -> DirectoryError {
        DirectoryError(.csvSyntax, "第 \(line) 行:\(message)", context: ["line": String(line)])
    }
}
