/// Why a piece of schedule text (an RRULE, a DTSTART line, an offset such as `-3d@09:00`, a date or a
/// time) does not parse.
///
/// Parsers in this folder are pure and report the position inside the text, so the plugin loader can
/// turn it into a precise `file:line:column`.
public struct RecurrenceSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is, stable for tests and tools.
    public enum Code: String, Sendable, Hashable {
        /// The text is empty.
        case empty
        /// The text does not follow the grammar at `offset`.
        case malformed
        /// `FREQ` is missing or not the first part.
        case frequencyNotFirst
        /// A part RFC 5545 has but the plugin subset does not allow (`COUNT`, `UNTIL`, `BYHOUR` …).
        case partNotAllowed
        /// A part RFC 5545 does not know.
        case unknownPart
        /// A part appears twice.
        case repeatedPart
        /// A number or code outside its allowed range or set.
        case valueOutOfRange
        /// `BYDAY` with an ordinal (`1MO`) in a DAILY or WEEKLY rule.
        case ordinalWeekdayNotAllowed
        /// `BYSETPOS` without another `BY…` part to select from.
        case setPositionWithoutSelector
        /// Both `COUNT` and `UNTIL`, which RFC 5545 forbids.
        case countWithUntil
    }

    /// What kind of problem it is.
    public var code: Code
    /// Offset of the problem inside the text, in Unicode scalars from 0.
    public var offset: Int
    /// What is wrong, Chinese first with English in parentheses.
    public var message: String
    /// How to fix it, if there is something useful to say.
    public var hint: String?

    /// Creates an error.
    public init(_ code: Code, at offset: Int, _ message: String, hint: String? = nil) {
        self.code = code
        self.offset = offset
        self.message = message
        self.hint = hint
    }

    /// `message (hint)`.
    public var description: String {
        hint.map { "\(message) (\($0))" } ?? message
    }
}
