/// An A1-style cell reference (`C7`, `AA12`, `XFD1048576`) as a 0-based column and a 1-based row.
struct CellReference: Hashable {
    /// Excel's bounds: 16,384 columns (`XFD`) and 1,048,576 rows.
    static let maxColumns = 16_384
    static let maxRows = 1_048_576

    var column: Int
    var row: Int

    /// Parses a reference, nil when malformed or beyond Excel's bounds. `$` anchors are allowed.
    init?(_ text: String) {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in text.utf8 where byte != UInt8(ascii: "$") {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
            guard letters <= 3, digits <= 7 else { return nil }
        }
        guard letters > 0, digits > 0, (1...Self.maxColumns).contains(column), (1...Self.maxRows).contains(row)
        else { return nil }
        self.column = column - 1
        self.row = row
    }

    /// The column's letters: 0 → `A`, 26 → `AA`.
    static func letters(column: Int) -> String {
        var value = column + 1
        var scalars: [Unicode.Scalar] = []
        while value > 0 {
            let remainder = (value - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(ascii: "A") + UInt8(remainder)))
            value = (value - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }
}
