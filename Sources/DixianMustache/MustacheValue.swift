/// A value of a Mustache context (模板上下文的值), typed: what dixian's templates are rendered with.
///
/// swift-mustache takes `Any` and finds out what each value is with dynamic casts at every name it resolves;
/// those casts were a fifth of the dispatcher's CPU. This tree holds the four kinds dixian's contexts are made
/// of, so ``TypedTemplate`` resolves a name with a dictionary lookup and a `switch`. ``anyValue`` gives the same
/// tree to swift-mustache, which stays the reference (tests compare the two on every shipped template).
public enum MustacheValue: Sendable, Hashable {
    case string(String)
    case bool(Bool)
    case list([MustacheValue])
    case object([String: MustacheValue])

    /// The same value as swift-mustache's `Any`: `String`, `Bool`, `[Any]` and `[String: Any]`.
    public var anyValue: Any {
        switch self {
        case .string(let string): string
        case .bool(let bool): bool
        case .list(let items): items.map(\.anyValue)
        case .object(let fields): fields.mapValues(\.anyValue)
        }
    }

    /// The member `name` of an object; nil for a missing member and for every other kind, which has none.
    @inlinable
    public func member(_ name: String) -> MustacheValue? {
        if case .object(let fields) = self { return fields[name] }
        return nil
    }

    /// The text a variable tag writes for this value, before escaping; what swift-mustache writes with
    /// `String(describing:)`.
    var renderedText: String {
        switch self {
        case .string(let string): string
        case .bool(let bool): bool ? "true" : "false"
        case .list, .object: String(describing: anyValue)
        }
    }
}

extension MustacheValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(dictionaryLiteral elements: (String, MustacheValue)...) {
        var fields: [String: MustacheValue] = .init(minimumCapacity: elements.count)
        for (name, value) in elements { fields[name] = value }
        self = .object(fields)
    }
}
