/// A resident identity number (公民身份号码, GB 11643-1999): 6 digits of the registering division, the birth
/// date as 8 digits, a 3-digit sequence (odd for men) and a check character, mod 11 over the first 17.
///
/// Its `description` is masked (`4306**********123X`), so interpolating one into a message or a log line
/// never shows it; ``value`` is the number itself, for storage and joins only.
public struct ResidentID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 18 characters, the check character an upper-case `X` when it is one.
    public let value: String

    /// Why a text is not a resident ID.
    public enum Problem: String, Sendable, Hashable {
        case length, characters, birthDate = "birth_date", checkDigit = "check_digit"

        /// Chinese first, then English.
        public var message: String {
            switch self {
            case .length: "身份证号应为18位 (must be 18 characters)"
            case .characters: "身份证号前17位应为数字，末位为数字或X (17 digits then a digit or X)"
            case .birthDate: "身份证号中的出生日期无效 (the birth date inside is not a date)"
            case .checkDigit: "身份证号校验位不符 (bad check digit)"
            }
        }
    }

    /// Validates `text` (surrounding spaces ignored, a lower-case `x` accepted).
    public static func validate(_ text: some StringProtocol) -> Result<ResidentID, ResidentIDError> {
        let bytes = Array(text.utf8).trimmingASCIISpaces()
        guard bytes.count == 18 else { return .failure(ResidentIDError(.length)) }
        let digits = bytes.prefix(17)
        guard digits.allSatisfy({ (48...57).contains($0) }) else { return .failure(ResidentIDError(.characters)) }
        let last = bytes[17] == UInt8(ascii: "x") ? UInt8(ascii: "X") : bytes[17]
        guard (48...57).contains(last) || last == UInt8(ascii: "X") else { return .failure(ResidentIDError(.characters)) }
        guard birthDate(of: bytes) != nil else { return .failure(ResidentIDError(.birthDate)) }
        guard checkCharacter(of: digits) == last else { return .failure(ResidentIDError(.checkDigit)) }
        return .success(ResidentID(value: String(decoding: digits + [last], as: UTF8.self)))
    }

    /// A valid ID, or nil.
    public init?(_ text: some StringProtocol) {
        guard case .success(let id) = Self.validate(text) else { return nil }
        self = id
    }

    private init(value: String) {
        self.value = value
    }

    /// The ID for `prefix17` (17 digits) with its check character appended: for synthetic data.
    public static func completing(_ prefix17: String) -> ResidentID? {
        let digits = Array(prefix17.utf8)
        guard digits.count == 17, digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return ResidentID(String(decoding: digits + [checkCharacter(of: digits[...])], as: UTF8.self))
    }

    /// The birth date written inside.
    public var birthDate: CalendarDate {
        Self.birthDate(of: Array(value.utf8))!
    }

    /// The division code of registration (first 6 digits).
    public var divisionPrefix: String { String(value.prefix(6)) }

    public var description: String { PersonalDataMask.maskIDNumber(value) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters = Array("10X98765432".utf8)

    static func checkCharacter(of digits: ArraySlice<UInt8>) -> UInt8 {
        let sum = zip(digits, weights).reduce(0) { $0 + Int($1.0 - 48) * $1.1 }
        return checkCharacters[sum % 11]
    }

    private static func birthDate(of bytes: [UInt8]) -> CalendarDate? {
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - 48) } }
        guard let date = CalendarDate(year: number(6..<10), month: number(10..<12), day: number(12..<14)),
            date.year >= 1900
        else { return nil }
        return date
    }
}

/// A text that is not a valid ``ResidentID``; its message never repeats the text.
public struct ResidentIDError: Error, Sendable, Hashable {
    public var problem: ResidentID.Problem
    public init(_ problem: ResidentID.Problem) { self.problem = problem }
    public var message: String { problem.message }
}

extension Array where Element == UInt8 {
    fileprivate func trimmingASCIISpaces() -> [UInt8] {
        var slice = self[...]
        while let first = slice.first, first == 32 || first == 9 { slice = slice.dropFirst() }
        while let last = slice.last, last == 32 || last == 9 { slice = slice.dropLast() }
        return Array(slice)
    }
}
