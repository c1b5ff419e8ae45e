/// A name or key that is text in files, rows and JSON but a type of its own in code (渠道名, 期次…), so one
/// kind of text is never passed where another is meant. Conformers declare `rawValue` and `init(rawValue:)`;
/// literals, `Codable` as a bare string, ordering and `description` come from here.
public protocol TextValue: RawRepresentable, Sendable, Hashable, Comparable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible where RawValue == String
{
    init(rawValue: String)
}

extension TextValue {
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
