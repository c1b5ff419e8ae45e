import DixianCore
internal import Yams

/// One node of a parsed YAML document, with its position, read strictly.
///
/// The typed accessors (``string()``, ``int(in:)``, ``bool()``, ``duration(in:)``, ``enum(_:)``,
/// ``mapping()``, ``sequence()``) return nil on a mismatch and report it at this value's line and column,
/// so a reader can carry on and collect every problem of a file.
public struct YAMLValue {
    /// The shape of a value, for messages such as "expected an integer, found a mapping".
    public enum Kind: Sendable, Hashable {
        case null
        case string
        case integer
        case number
        case boolean
        case otherScalar
        case mapping
        case sequence
    }

    /// What every value of one document shares.
    struct Context {
        var file: String
        var diagnostics: DiagnosticCollector
        var options: YAMLDocument.Options
        var source: SourceText?
    }

    let node: Node
    let context: Context

    init(node: Node, context: Context) {
        self.node = node
        self.context = context
    }

    /// The file the value is in.
    public var file: String {
        context.file
    }

    var diagnostics: DiagnosticCollector {
        context.diagnostics
    }

    /// Whether the document was parsed with ``YAMLDocument/Options/strictTypes``.
    public var isStrict: Bool {
        context.options.strictTypes
    }

    /// Where the value starts.
    public var location: Diagnostic.Location {
        Diagnostic.Location(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    /// The value's shape, as YAML's core schema resolves it (`10` is an integer, `"10"` a string).
    public var kind: Kind {
        switch node {
        case .mapping: return .mapping
        case .sequence: return .sequence
        case .alias: return .otherScalar
        case .scalar:
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return .null
            case .str: return .string
            case .int: return .integer
            case .float: return .number
            case .bool: return .boolean
            default: return .otherScalar
            }
        }
    }

    /// Whether the value is YAML null: empty, `~` or `null`.
    public var isNull: Bool {
        kind == .null
    }

    /// The literal text of a scalar as written (without quotes), or nil for a mapping or sequence.
    public var scalarText: String? {
        node.scalar?.string
    }

    /// Reports an error at this value.
    public func error(_ message: String, hint: String? = nil) {
        diagnostics.error(message, at: location, hint: hint)
    }

    /// Reports a warning at this value.
    public func warning(_ message: String, hint: String? = nil) {
        diagnostics.warning(message, at: location, hint: hint)
    }

    /// Reports that the value has the wrong shape.
    func mismatch(expected: String, hint: String? = nil) {
        error(expected, hint: hint ?? "实际为\(kind.chineseName) / found \(kind.englishName)")
    }

    /// The value as a string. Any non-null scalar qualifies, as written: `run_as: 1000` reads as `"1000"`.
    /// In a strict document only a string does: `1`, `true` and `~` are reported.
    public func string() -> String? {
        guard let text = scalarText, !isNull, !isStrict || kind == .string else {
            let scalar = scalarText != nil && kind != .null
            mismatch(
                expected: "应为字符串 (expected a string)",
                hint: scalar ? "实际为\(kind.chineseName)，请加引号 / found \(kind.englishName), quote it" : nil
            )
            return nil
        }
        return text
    }

    /// The value as a decimal integer, optionally within `range`.
    ///
    /// Only plain decimal is accepted, and `010` is ten: YAML 1.1's octal, hex and base-60 (`1:30`) forms
    /// surprise operators more often than they help.
    public func int(in range: ClosedRange<Int>? = nil) -> Int? {
        let parse = isStrict ? Self.coreInteger : Self.decimal
        let allowed = range ?? Int.min...Int.max
        if kind == .integer, let text = scalarText, parse(text) == nil, Self.isIntegerSyntax(text) {
            error(
                "整数 \(text) 超出范围 (integer out of range): 允许 \(allowed.lowerBound)...\(allowed.upperBound)"
                    + " (allowed \(allowed.lowerBound)...\(allowed.upperBound))"
            )
            return nil
        }
        guard kind == .integer, let text = scalarText, let value = parse(text) else {
            let quotedNumber = kind == .string && scalarText.flatMap(Self.decimal) != nil
            mismatch(
                expected: "应为整数 (expected an integer)",
                hint: quotedNumber ? "去掉引号 / remove the quotes" : nil
            )
            return nil
        }
        if let range, !range.contains(value) {
            error("数值 \(value) 超出范围 \(range.lowerBound)...\(range.upperBound) (out of range)")
            return nil
        }
        return value
    }

    /// The value as a boolean: `true`/`false` (YAML 1.1's `yes`/`no`/`on`/`off` are accepted too, except in a
    /// strict document, where they are strings).
    public func bool() -> Bool? {
        guard kind == .boolean, let text = scalarText?.lowercased() else {
            mismatch(expected: "应为 true 或 false (expected true or false)")
            return nil
        }
        return ["true", "yes", "on"].contains(text)
    }

    /// The value as a duration such as `10s` (see ``YAMLDuration``), optionally within `range`.
    public func duration(in range: ClosedRange<Duration>? = nil) -> Duration? {
        guard kind != .mapping, kind != .sequence, !isNull, let text = scalarText else {
            mismatch(expected: "应为时长 (expected a duration)", hint: YAMLDuration.syntaxHint)
            return nil
        }
        guard let value = YAMLDuration.parse(text) else {
            error("无效的时长 '\(text)' (invalid duration)", hint: YAMLDuration.syntaxHint)
            return nil
        }
        if let range, !range.contains(value) {
            let lower = YAMLDuration.format(range.lowerBound)
            let upper = YAMLDuration.format(range.upperBound)
            error("时长 \(text) 超出范围 \(lower)...\(upper) (out of range)")
            return nil
        }
        return value
    }

    /// The value as one of a fixed set of strings; an unknown one gets a did-you-mean hint.
    public func oneOf(_ allowed: [String]) -> String? {
        guard kind != .mapping, kind != .sequence, !isNull, !isStrict || kind == .string, let text = scalarText
        else {
            mismatch(expected: "应为以下之一 (expected one of): \(allowed.joined(separator: ", "))")
            return nil
        }
        guard allowed.contains(text) else {
            error(
                "无效的取值 '\(text)' (invalid value)",
                hint: Diagnostic.suggestionHint(for: text, among: allowed, noun: "可选值 / allowed values")
            )
            return nil
        }
        return text
    }

    /// The value as a case of a string enumeration, allowed values listed in declaration order.
    public func `enum`<Value>(_ type: Value.Type) -> Value?
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        oneOf(type.allCases.map(\.rawValue)).flatMap(Value.init(rawValue:))
    }

    /// The value as a mapping to read key by key. Remember to call ``MappingReader/finish()``.
    public func mapping() -> MappingReader? {
        guard case .mapping(let mapping) = node else {
            mismatch(expected: "应为映射 (expected a mapping)")
            return nil
        }
        return MappingReader(mapping: mapping, at: location, context: context)
    }

    /// The value as a list of values.
    public func sequence() -> [YAMLValue]? {
        guard case .sequence(let sequence) = node else {
            mismatch(expected: "应为列表 (expected a list)")
            return nil
        }
        return sequence.map { YAMLValue(node: $0, context: context) }
    }

    /// Parses `[-+]?[0-9][0-9_]*` (underscores group digits, as YAML allows), nil on overflow.
    /// Whether `text` is written as an integer (signed decimal digits with `_` grouping, `0o…`, `0x…`), whatever
    /// its size: a 29-digit number is an integer too large for `Int`, not something other than an integer.
    static func isIntegerSyntax(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        if digits.hasPrefix("0x") { return digits.count > 2 && digits.dropFirst(2).allSatisfy(\.isHexDigit) }
        if digits.hasPrefix("0o") {
            return digits.count > 2 && digits.dropFirst(2).allSatisfy { ("0"..."7").contains($0) }
        }
        guard let first = digits.first, first.isASCII, first.isNumber else { return false }
        return digits.allSatisfy { $0 == "_" || ($0.isASCII && $0.isNumber) }
    }

    static func decimal(_ text: String) -> Int? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative || digits.first == "+" {
            digits = digits.dropFirst()
        }
        guard let first = digits.first, first.isASCII, first.isNumber,
            digits.allSatisfy({ $0 == "_" || ($0.isASCII && $0.isNumber) })
        else { return nil }
        return Int((negative ? "-" : "") + digits.filter { $0 != "_" })
    }
}
