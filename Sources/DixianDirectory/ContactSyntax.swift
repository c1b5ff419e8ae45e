/// Syntax checks of contact data, deliberately plain: the question is "can a message be sent
/// here", not full RFC 5322 (whose quoted local parts and comments no county mailbox uses).
public enum ContactSyntax {
    /// A normalised e-mail address (`local@domain`, domain lower-cased), or nil when malformed.
    ///
    /// Local part: letters, digits and ``!#$%&'*+/=?^_`{|}~.-``, no leading, trailing or double dot.
    /// Domain: at least two dot-separated labels of letters, digits and inner hyphens; the last
    /// label is letters only (so `.invalid` demo addresses pass and `zhang@163` does not).
    public static func email(_ text: String) -> String? {
        let trimmed = text.trimmingDirectorySpace()
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, trimmed.utf8.count <= 254 else { return nil }
        let local = parts[0]
        let domain = parts[1].lowercased()
        guard (1...64).contains(local.utf8.count), !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else {
            return nil
        }
        let localExtras = Set("!#$%&'*+/=?^_`{|}~.-".unicodeScalars)
        guard local.unicodeScalars.allSatisfy({ Self.isASCIIAlphanumeric($0) || localExtras.contains($0) }) else {
            return nil
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.utf8.count <= 253 else { return nil }
        for label in labels {
            guard (1...63).contains(label.utf8.count), !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.unicodeScalars.allSatisfy({ Self.isASCIIAlphanumeric($0) || $0 == "-" })
            else { return nil }
        }
        guard let top = labels.last, top.utf8.count >= 2, top.unicodeScalars.allSatisfy(\.properties.isAlphabetic) else {
            return nil
        }
        return "\(local)@\(domain)"
    }

    /// A mainland mobile number as 11 digits starting with 1, or nil.
    ///
    /// Accepts what people type: spaces and hyphens inside (`138 0013 8000`), and a `+86` or
    /// `86` country prefix.
    public static func mobile(_ text: String) -> String? {
        var digits = String(text.trimmingDirectorySpace().unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "\u{3000}" })
        if digits.hasPrefix("+86") {
            digits.removeFirst(3)
        } else if digits.hasPrefix("86") && digits.utf8.count == 13 {
            digits.removeFirst(2)
        }
        guard digits.utf8.count == 11, digits.hasPrefix("1"), digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return nil
        }
        return digits
    }

    /// An id on a chat platform: 1–128 printable characters without white space, or nil.
    public static func chatID(_ text: String) -> String? {
        let trimmed = text.trimmingDirectorySpace()
        guard (1...128).contains(trimmed.unicodeScalars.count),
            !trimmed.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        else { return nil }
        return trimmed
    }

    /// A staff id (工号): 1–64 ASCII letters, digits, `.`, `_`, `-`, starting with a letter or digit.
    public static func officialID(_ text: String) -> String? {
        let trimmed = text.trimmingDirectorySpace()
        let scalars = Array(trimmed.unicodeScalars)
        guard (1...64).contains(scalars.count), Self.isASCIIAlphanumeric(scalars[0]) else { return nil }
        guard scalars.allSatisfy({ Self.isASCIIAlphanumeric($0) || $0 == "." || $0 == "_" || $0 == "-" }) else { return nil }
        return trimmed
    }

    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
