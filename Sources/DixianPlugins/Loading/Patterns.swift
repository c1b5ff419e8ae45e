/// The patterns of the plugin format (plugins/README.md §2), written out by hand: they are simple, and
/// `Regex` values are not `Sendable` constants.
enum Patterns {
    /// `^[a-z][a-z0-9_]{0,63}$`: role ids, parameter names, duty ids, dataset and column names, rule ids,
    /// channel names.
    static func isIdentifier(_ text: String, maximumLength: Int = 64) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, isLower(first), bytes.count <= maximumLength else { return false }
        return bytes.allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// `^[a-z][a-z0-9_]{1,31}$`: plugin ids.
    static func isPluginID(_ text: String) -> Bool {
        text.utf8.count >= 2 && isIdentifier(text, maximumLength: 32)
    }

    /// `^[a-z][a-z0-9]*([-_][a-z0-9]+)*$`: template ids such as `duty-reminder`.
    static func isTemplateID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, isLower(first), let last = bytes.last, last != 0x2D, last != 0x5F else {
            return false
        }
        var previousWasSeparator = false
        for byte in bytes {
            let separator = byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            guard separator || isLower(byte) || isDigit(byte), !(separator && previousWasSeparator) else {
                return false
            }
            previousWasSeparator = separator
        }
        return true
    }

    /// `^\$[a-z][a-z0-9_]{0,63}$`: a parameter reference; returns the name.
    static func parameterReference(_ text: String) -> String? {
        guard text.hasPrefix("$") else { return nil }
        let name = String(text.dropFirst())
        return isIdentifier(name) ? name : nil
    }

    /// `^[^/\\\s]+$`: a seed file name.
    static func isFileName(_ text: String) -> Bool {
        !text.isEmpty && !text.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.properties.isWhitespace }
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with month 01–12 and day 01–31 (the shape, not the calendar).
    static func isPartialDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].utf8.count == 4, parts[0].utf8.allSatisfy(isDigit) else {
            return false
        }
        let bounds = [1...12, 1...31]
        for (index, part) in parts.dropFirst().enumerated() {
            guard part.utf8.count == 2, part.utf8.allSatisfy(isDigit), let value = Int(part),
                bounds[index].contains(value)
            else { return false }
        }
        return true
    }

    /// Semantic Versioning 2.0.0 (https://semver.org), e.g. `1.0.0`, `1.2.0-rc.1+build.5`.
    static func isSemanticVersion(_ text: String) -> Bool {
        var rest = Substring(text)
        var build: Substring?
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...]
            rest = rest[..<plus]
        }
        var prerelease: Substring?
        if let dash = rest.firstIndex(of: "-") {
            prerelease = rest[rest.index(after: dash)...]
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3, core.allSatisfy(isNumericIdentifier) else { return false }
        if let prerelease {
            let identifiers = prerelease.split(separator: ".", omittingEmptySubsequences: false)
            guard identifiers.allSatisfy({ isNumericIdentifier($0) || isAlphanumericIdentifier($0) }) else {
                return false
            }
        }
        if let build {
            let identifiers = build.split(separator: ".", omittingEmptySubsequences: false)
            guard identifiers.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(isIdentifierByte) }) else { return false }
        }
        return true
    }

    /// `0|[1-9][0-9]*`.
    private static func isNumericIdentifier(_ part: Substring) -> Bool {
        !part.isEmpty && part.utf8.allSatisfy(isDigit) && (part == "0" || part.first != "0")
    }

    /// `[0-9]*[a-zA-Z-][0-9a-zA-Z-]*`.
    private static func isAlphanumericIdentifier(_ part: Substring) -> Bool {
        part.utf8.allSatisfy(isIdentifierByte) && part.utf8.contains { !isDigit($0) }
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || isLower(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || byte == UInt8(ascii: "-")
    }

    private static func isLower(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
