/// Writes CSV that ``CSVReader`` and Excel read back unchanged (RFC 4180, CRLF line ends).
public struct CSVWriter: Sendable {
    /// The field separator, `,` by default.
    public var delimiter: Unicode.Scalar

    public init(delimiter: Unicode.Scalar = ",") {
        self.delimiter = delimiter
    }

    /// The records, each ended by CRLF.
    public func write(_ rows: [[String]]) -> String {
        var out = ""
        for row in rows {
            // A record of one empty field would be an empty line, which readers skip.
            if row.count == 1 && row[0].isEmpty {
                out += "\"\"\r\n"
                continue
            }
            out += row.map(self.field).joined(separator: String(self.delimiter))
            out += "\r\n"
        }
        return out
    }

    /// One field, quoted only when it must be.
    public func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == self.delimiter || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted += "\"" }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }
}
