/// Reads CSV records one at a time from UTF-8 bytes, as RFC 4180 defines them and Excel writes them.
///
/// Fields are separated by commas; a field with a comma, quote or line break is enclosed in double quotes and a
/// quote inside it is doubled. Records end at CRLF, LF or a lone CR. Each record carries the line it starts on
/// (the first line is 1), counting every line break including those inside quoted fields, so the number matches
/// what an editor shows. A quote never closed, or text after a closing quote, is an error naming the line: it
/// would shift every later column. A quote inside an unquoted field (`12"`) is kept as text, as Excel and
/// Python's `csv` read it, since nothing shifts.
struct CSVRowReader {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    init(utf8 bytes: [UInt8]) {
        self.bytes = bytes
    }

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), cr = UInt8(0x0D), lf = UInt8(0x0A)

    /// The next record, blank or not, or nil at the end of the input.
    mutating func next() throws(TabularError) -> TabularRow? {
        guard self.index < self.bytes.count else { return nil }
        let start = self.line
        var cells: [String] = []
        while true {
            let (cell, ended) = try self.field()
            cells.append(cell)
            if ended { return TabularRow(number: start, cells: cells) }
        }
    }

    /// One field, and whether it ended its record (at a line break or the end of the input).
    private mutating func field() throws(TabularError) -> (String, Bool) {
        let count = self.bytes.count
        if self.index < count, self.bytes[self.index] == Self.quote {
            return try self.quotedField()
        }
        let start = self.index
        while self.index < count {
            let byte = self.bytes[self.index]
            if byte == Self.comma {
                let cell = self.text(start..<self.index)
                self.index += 1
                return (cell, false)
            }
            if byte == Self.cr || byte == Self.lf {
                let cell = self.text(start..<self.index)
                self.consumeLineBreak()
                return (cell, true)
            }
            self.index += 1
        }
        return (self.text(start..<self.index), true)
    }

    private mutating func quotedField() throws(TabularError) -> (String, Bool) {
        let openedOn = self.line
        let count = self.bytes.count
        self.index += 1
        var content: [UInt8] = []
        var runStart = self.index
        while true {
            guard self.index < count else {
                throw Self.syntax(openedOn, "引号未闭合,直到文件结尾 (a quoted field is never closed)")
            }
            let byte = self.bytes[self.index]
            if byte == Self.quote {
                content.append(contentsOf: self.bytes[runStart..<self.index])
                if self.index + 1 < count, self.bytes[self.index + 1] == Self.quote {
                    content.append(Self.quote)
                    self.index += 2
                    runStart = self.index
                    continue
                }
                self.index += 1
                break
            }
            if byte == Self.lf || (byte == Self.cr && (self.index + 1 >= count || self.bytes[self.index + 1] != Self.lf)) {
                self.line += 1
            }
            self.index += 1
        }
        let cell = String(decoding: content, as: UTF8.self)
        guard self.index < count else { return (cell, true) }
        switch self.bytes[self.index] {
        case Self.comma:
            self.index += 1
            return (cell, false)
        case Self.cr, Self.lf:
            self.consumeLineBreak()
            return (cell, true)
        default:
            throw Self.syntax(self.line, "右引号之后应为逗号或换行 (expected a comma or line break after a closing quote)")
        }
    }

    /// Steps over CRLF, LF or CR at `index` and counts the line.
    private mutating func consumeLineBreak() {
        if self.bytes[self.index] == Self.cr, self.index + 1 < self.bytes.count, self.bytes[self.index + 1] == Self.lf {
            self.index += 1
        }
        self.index += 1
        self.line += 1
    }

    private func text(_ range: Range<Int>) -> String {
        // The bytes were validated (or produced by iconv) as UTF-8, and ASCII delimiters never split a character.
        String(decoding: self.bytes[range], as: UTF8.self)
    }

    private static func syntax(_ line: Int, _ message: String) -> TabularError {
        TabularError(.csvSyntax, "第 \(line) 行:\(message)", context: ["line": String(line)])
    }
}
