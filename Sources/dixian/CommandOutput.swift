import Foundation

/// `--format json`: pretty, sorted keys and ISO 8601 instants, so the output diffs well and scripts can rely on it.
func printJSON(_ value: some Encodable) throws {
    print(String(decoding: try jsonEncoder().encode(value), as: UTF8.self))
}

/// The encoder behind ``printJSON(_:)``.
func jsonEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return encoder
}

/// `--format table`: aligned columns; CJK characters take two terminal cells; control characters in cells
/// are escaped (``TerminalText``).
func printTable(_ header: [String], _ rows: [[String]]) {
    func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ((0x1100...0xFFDC).contains($1.value) || $1.value >= 0x20000 ? 2 : 1) }
    }
    // A cell stays on its line: even a line feed in data is escaped.
    let all = ([header] + rows).map { $0.map { TerminalText.escaped($0, keepingNewlines: false) } }
    let widths = header.indices.map { column in all.map { width($0[column]) }.max() ?? 0 }
    for row in all {
        let cells = row.enumerated().map { index, cell in
            index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - width(cell))
        }
        print(cells.joined(separator: "  "))
    }
}
