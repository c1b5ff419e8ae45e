import Foundation

extension YAMLValue {
    /// The value written again in YAML's flow style, on one line: strings double-quoted (JSON's escapes are
    /// YAML's), numbers, booleans and null as written, lists as `[…]`, mappings as `{key: …}`. For tools that rewrite
    /// some keys of a document and keep the others; comments and layout are not kept.
    public var flowText: String {
        switch kind {
        case .mapping:
            guard var reader = mapping() else { return "{}" }
            return "{" + reader.readAllEntries().map { "\(Self.flowKey($0.key)): \($0.value.flowText)" }.joined(separator: ", ") + "}"
        case .sequence:
            return "[" + (sequence() ?? []).map(\.flowText).joined(separator: ", ") + "]"
        case .null:
            return "null"
        case .integer, .number, .boolean:
            return scalarText ?? "null"
        case .string, .otherScalar:
            return Self.quoted(scalarText ?? "")
        }
    }

    /// `text` as a double-quoted YAML scalar.
    public static func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
    }

    /// A mapping key: plain when it is an identifier, quoted otherwise.
    public static func flowKey(_ key: String) -> String {
        key.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*/) != nil ? key : quoted(key)
    }
}
