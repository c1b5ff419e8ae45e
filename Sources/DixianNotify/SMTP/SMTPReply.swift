/// One server reply (RFC 5321 §4.2): a three-digit code, the optional enhanced status code
/// (RFC 3463, e.g. `2.0.0`) and the text of each line.
///
/// A multi-line reply is `250-first`, `250-second`, `250 last`; ``lines`` holds `first`, `second`, `last`.
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    /// `x.y.z` from the start of the first line, when the server sends one.
    public var enhancedStatus: String?
    /// The text after `NNN-` / `NNN ` on every line, enhanced status included.
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
        self.enhancedStatus = lines.first.flatMap(Self.enhancedStatus(in:))
    }

    /// 2xx.
    public var isPositiveCompletion: Bool { (200..<300).contains(self.code) }
    /// 3xx: the server waits for more (354 after DATA, 334 during AUTH).
    public var isPositiveIntermediate: Bool { (300..<400).contains(self.code) }
    /// 4xx: try again later.
    public var isTransientNegative: Bool { (400..<500).contains(self.code) }

    /// The reply on one line, as transcripts and logs show it, e.g. `250 2.0.0 Ok: queued as 4F2C`.
    public var description: String {
        let text = self.lines.filter { !$0.isEmpty }.joined(separator: " / ")
        return text.isEmpty ? String(self.code) : "\(self.code) \(text)"
    }

    /// The text of all lines, for a failure reason; enhanced status kept.
    public var text: String { self.lines.joined(separator: " ") }

    private static func enhancedStatus(in line: String) -> String? {
        let token = line.prefix { $0 != " " }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, ["2", "4", "5"].contains(parts[0]),
              parts.allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) })
        else { return nil }
        return String(token)
    }
}

extension Character {
    var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}
