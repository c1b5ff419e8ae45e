import DixianCore

/// One mailbox: an optional display name (e.g. `县乡村振兴局`) and an ASCII addr-spec.
///
/// Internationalised addresses (SMTPUTF8) are refused: county mail servers do not all support them,
/// and IDN domains can be written in their `xn--` form.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The display name, without quotes and with every resident ID number masked (a directory name may carry
    /// one); `nil` for a bare address.
    public let displayName: String?
    /// The `local@domain` part.
    public let address: String

    /// `From: ` (6) + 72 = 78.
    static let displayNameWordLength = 72

    /// The longest addr-spec RFC 5321 §4.5.3.1 lets through SMTP (path of 256 minus the angle brackets).
    public static let maximumAddressLength = 254

    /// Creates a mailbox from its parts, checking both.
    public init(displayName: String? = nil, address: String) throws(MIMEError) {
        if let displayName, MIMEError.breaksHeaderLine(displayName) {
            throw MIMEError.headerInjection(field: "display-name")
        }
        try Self.validate(addrSpec: address)
        let trimmed = displayName?.trimmingSpaces()
        self.displayName = (trimmed?.isEmpty ?? true) ? nil : trimmed.map(PersonalDataMask.maskingIDNumbers(in:))
        self.address = address
    }

    /// Parses `县乡村振兴局 <dixian@example.gov.cn>`, `"Name, Inc." <a@b.cn>`, `<a@b.cn>` or `a@b.cn`.
    public init(parsing text: String) throws(MIMEError) {
        if MIMEError.breaksHeaderLine(text) {
            throw MIMEError.headerInjection(field: "address")
        }
        let input = text.trimmingSpaces()
        guard let open = input.lastIndex(of: "<") else {
            try self.init(address: input)
            return
        }
        guard input.hasSuffix(">"), input.index(after: open) < input.endIndex else {
            throw MIMEError.malformedAddress("unclosed angle bracket", input: text)
        }
        let address = String(input[input.index(after: open)..<input.index(before: input.endIndex)])
        var name = String(input[..<open]).trimmingSpaces()
        if name.hasPrefix("\"") {
            guard name.count >= 2, name.hasSuffix("\""), let unquoted = Self.unquote(name) else {
                throw MIMEError.malformedAddress("bad quoted display name", input: text)
            }
            name = unquoted
        } else if name.contains(where: { "<>\"".contains($0) }) {
            throw MIMEError.malformedAddress("stray bracket or quote in display name", input: text)
        }
        try self.init(displayName: name, address: address)
    }

    /// `name <addr>` as written in logs; use ``headerTokens`` for headers.
    public var description: String {
        guard let displayName else { return self.address }
        return "\(displayName) <\(self.address)>"
    }

    /// The mailbox as header tokens, to be joined by (foldable) single spaces: a quoted or encoded
    /// display name, then `<addr>`.
    var headerTokens: [String] {
        guard let displayName else { return [self.address] }
        let nameTokens: [String]
        if displayName.utf8.count <= 60, displayName.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }),
           !displayName.contains("=?")
        {
            let escaped = displayName.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
            nameTokens = ["\"" + escaped + "\""]
        } else {
            // One word as long as `From: ` leaves room for on a 78-character line (45 UTF-8 bytes,
            // 15 Chinese characters): some parsers wrongly put a space between adjacent encoded-words
            // of a display name (CPython's email.policy.default, python/cpython#128110), so typical
            // names are kept in a single word.
            nameTokens = EncodedWord.encode(displayName, maximumLength: Self.displayNameWordLength)
        }
        return nameTokens + ["<" + self.address + ">"]
    }

    private static func unquote(_ quoted: String) -> String? {
        var result = ""
        var escaping = false
        for character in quoted.dropFirst().dropLast() {
            if escaping {
                result.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "\"" {
                return nil
            } else {
                result.append(character)
            }
        }
        return escaping ? nil : result
    }

    private static let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~".utf8)

    /// Checks a dot-atom `local@domain` addr-spec; quoted local parts and domain literals are refused.
    static func validate(addrSpec: String) throws(MIMEError) {
        if MIMEError.breaksHeaderLine(addrSpec) {
            throw MIMEError.headerInjection(field: "address")
        }
        guard addrSpec.utf8.count <= Self.maximumAddressLength else {
            throw MIMEError.malformedAddress("longer than 254 octets", input: addrSpec)
        }
        let parts = addrSpec.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw MIMEError.malformedAddress("needs exactly one @", input: addrSpec)
        }
        let local = parts[0].utf8
        guard !local.isEmpty, local.count <= 64 else {
            throw MIMEError.malformedAddress("local part empty or longer than 64 octets", input: addrSpec)
        }
        let atoms = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard atoms.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(Self.atext.contains) }) else {
            throw MIMEError.malformedAddress("local part is not a dot-atom", input: addrSpec)
        }
        guard Self.isDomain(String(parts[1])) else {
            throw MIMEError.malformedAddress("domain is not a host name", input: addrSpec)
        }
    }

    /// Whether `domain` is an ASCII host name (LDH labels of 1–63 octets, at most 253 octets).
    static func isDomain(_ domain: String) -> Bool {
        guard !domain.isEmpty, domain.utf8.count <= 253 else { return false }
        return domain.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let bytes = Array(label.utf8)
            guard (1...63).contains(bytes.count), bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-")
            else { return false }
            return bytes.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == UInt8(ascii: "-")
            }
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = self.firstIndex(where: { !isSpace($0) }), let last = self.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }

    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
