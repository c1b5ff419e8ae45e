/// A small, independent RFC 5545 reader for the tests: unfolds, splits content lines, unescapes TEXT.
///
/// It works on Unicode scalars, not `Character`s: `\r\n` is one Character, and a folded line may start
/// with a space followed by a combining scalar (a ZWJ), which Swift would join into one Character.
struct ICalendarTestReader {
    struct Line: Equatable {
        var name: String
        var parameters: [String]
        var value: String
    }

    var lines: [Line] = []

    /// Fails (returns nil) on a bare CR or LF, the only line ending allowed being CRLF.
    init?(_ text: String) {
        var physical: [[Unicode.Scalar]] = [[]]
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\r" {
                guard scalars.popFirst() == "\n" else { return nil }
                physical.append([])
            } else {
                guard scalar != "\n" else { return nil }
                physical[physical.count - 1].append(scalar)
            }
        }
        guard physical.removeLast().isEmpty else { return nil }  // the text must end in CRLF
        var logical: [[Unicode.Scalar]] = []
        for line in physical {
            if let first = line.first, first == " " || first == "\t" {
                guard !logical.isEmpty else { return nil }
                logical[logical.count - 1] += line.dropFirst()
            } else {
                logical.append(line)
            }
        }
        for line in logical {
            // Parameter values here are never quoted, so the first ':' ends the name part.
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let head = Self.string(line[..<colon]).split(separator: ";").map(String.init)
            lines.append(Line(name: head[0], parameters: Array(head.dropFirst()), value: Self.string(line[(colon + 1)...])))
        }
    }

    static func string(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars))
    }

    func values(_ name: String) -> [String] {
        lines.filter { $0.name == name }.map(\.value)
    }

    /// TEXT unescaping (§3.3.11).
    static func unescape(_ value: String) -> String? {
        var output = String.UnicodeScalarView()
        var iterator = value.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\\" else {
                output.append(scalar)
                continue
            }
            switch iterator.next() {
            case "\\": output.append("\\")
            case ";": output.append(";")
            case ",": output.append(",")
            case "n", "N": output.append("\n")
            default: return nil
            }
        }
        return String(output)
    }
}
