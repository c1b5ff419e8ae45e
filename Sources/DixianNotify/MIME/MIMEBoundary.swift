/// The delimiter between the parts of a `multipart/alternative` body.
public struct MIMEBoundary: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    /// RFC 2046 §5.1.1 `bchars` (the space is allowed there too, but not at the end; we refuse it).
    private static let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=?".utf8)

    /// A caller-chosen boundary, e.g. for reproducible tests: 1–70 characters of RFC 2046 `bchars`.
    public init(_ value: String) throws(MIMEError) {
        guard (1...70).contains(value.utf8.count), value.utf8.allSatisfy(Self.allowed.contains) else {
            throw MIMEError(.invalidBoundary, "MIME 分隔符无效 (invalid MIME boundary)", context: ["boundary": value])
        }
        self.value = value
    }

    /// A fresh boundary `=_dixian_` + 32 hex digits from `generator`.
    ///
    /// `=_` can never occur in base64 or quoted-printable output (`=` there is padding or is followed
    /// by two hex digits), so this boundary cannot collide with an encoded part whatever the randomness.
    public static func random(using generator: inout some RandomNumberGenerator) -> MIMEBoundary {
        var hex = ""
        for _ in 0..<2 {
            let word = generator.next()
            let text = String(word, radix: 16)
            hex += String(repeating: "0", count: 16 - text.count) + text
        }
        // Cannot throw: the characters are all in `allowed` and the length is 41.
        return MIMEBoundary(unchecked: "=_dixian_" + hex)
    }

    /// A fresh boundary from the system's random generator.
    public static func random() -> MIMEBoundary {
        var generator = SystemRandomNumberGenerator()
        return Self.random(using: &generator)
    }

    private init(unchecked value: String) {
        self.value = value
    }

    /// This boundary, or when an encoded part happens to contain it (only possible for a
    /// caller-chosen boundary), the same prefixed with the collision-free `=_` marker.
    func avoiding(_ parts: [String]) -> MIMEBoundary {
        guard parts.contains(where: { $0.contains(self.value) }) else { return self }
        return MIMEBoundary(unchecked: String(("=_" + self.value).prefix(70)))
    }

    /// A second boundary for a multipart entity inside one delimited by this: the same but for its last
    /// character, so neither contains the other and neither delimiter line starts the other.
    var nested: MIMEBoundary {
        MIMEBoundary(unchecked: String(self.value.dropLast()) + (self.value.hasSuffix("0") ? "1" : "0"))
    }

    public var description: String { self.value }
}
