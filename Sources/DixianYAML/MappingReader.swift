import DixianCore
internal import Yams

/// Reads a YAML mapping key by key, strictly.
///
/// Ask for each key you know with the typed accessors; then ``finish()`` reports every key nobody asked
/// for as unknown, at the key's position, with a did-you-mean hint drawn from the keys that were asked
/// for. A key whose value is null (`key:` or `key: ~`) counts as absent, so it takes its default, except in a
/// strict document (``YAMLDocument/Options/strictTypes``), where null is a value of the wrong type.
///
/// ```swift
/// var http = root.mapping("http")
/// let listen = http?.string("listen") ?? "127.0.0.1:8080"
/// http?.finish()
/// ```
public struct MappingReader {
    /// One key and its value.
    public struct Entry {
        /// The key.
        public var key: String
        /// Where the key is written.
        public var keyLocation: Diagnostic.Location
        /// The value.
        public var value: YAMLValue
    }

    /// Where the mapping starts (for an absent mapping read as empty: where it would have been).
    public let location: Diagnostic.Location
    let diagnostics: DiagnosticCollector
    /// Whether null is a value rather than absence (strict documents).
    let strict: Bool
    private var entries: [Entry] = []
    private var indexByKey: [String: Int] = [:]
    private var consumed: Set<String> = []
    /// Every key asked for, in order, present or not: the vocabulary for did-you-mean hints.
    private var expected: [String] = []

    /// An empty mapping, for an absent section or an empty document: every key takes its default.
    public init(emptyAt location: Diagnostic.Location, diagnostics: DiagnosticCollector, strict: Bool = false) {
        self.location = location
        self.diagnostics = diagnostics
        self.strict = strict
    }

    init(mapping: Node.Mapping, at location: Diagnostic.Location, context: YAMLValue.Context) {
        self.location = location
        self.diagnostics = context.diagnostics
        self.strict = context.options.strictTypes
        for (keyNode, valueNode) in mapping {
            let key = YAMLValue(node: keyNode, context: context)
            let value = YAMLValue(node: valueNode, context: context)
            guard case .scalar(let scalar) = keyNode, !strict || key.kind == .string else {
                key.error("键必须是字符串 (keys must be strings)")
                continue
            }
            // Yams rejects most duplicates while parsing; this catches `1:` next to `'1':`, which YAML
            // considers different keys but which read the same here.
            if let earlier = indexByKey[scalar.string] {
                let first = entries[earlier].keyLocation
                key.error(
                    "重复的键 '\(scalar.string)' (duplicate key)",
                    hint: "首次出现在 / first defined at \(first.line):\(first.column)"
                )
                continue
            }
            indexByKey[scalar.string] = entries.count
            entries.append(Entry(key: scalar.string, keyLocation: key.location, value: value))
        }
    }

    /// The keys present, in document order.
    public var keys: [String] {
        entries.map(\.key)
    }

    /// The file the mapping is in.
    public var file: String {
        location.file
    }

    /// Whether `key` is present with a non-null value (in a strict document: present at all). Does not mark
    /// it as read.
    public func contains(_ key: String) -> Bool {
        indexByKey[key].map { strict || !entries[$0].value.isNull } ?? false
    }

    /// Every entry in document order, marking every key as read: for mappings whose keys are data (ids,
    /// names) rather than a fixed vocabulary.
    public mutating func readAllEntries() -> [Entry] {
        for entry in entries {
            consumed.insert(entry.key)
        }
        return entries
    }

    /// Where `key` is written, if present.
    public func keyLocation(_ key: String) -> Diagnostic.Location? {
        indexByKey[key].map { entries[$0].keyLocation }
    }

    /// The value of `key`, marking the key as known. Nil when absent or null (in a strict document: only when
    /// absent); a missing required key is reported at the mapping's position.
    public mutating func value(_ key: String, required: Bool = false) -> YAMLValue? {
        if !expected.contains(key) {
            expected.append(key)
        }
        consumed.insert(key)
        guard let index = indexByKey[key], strict || !entries[index].value.isNull else {
            if required {
                diagnostics.error("缺少必需的键 '\(key)' (missing required key)", at: location)
            }
            return nil
        }
        return entries[index].value
    }

    /// Marks keys as known without reading them, e.g. keys a later version reads or that another reader handles.
    public mutating func ignore(_ keys: String...) {
        for key in keys {
            _ = value(key)
        }
    }

    /// The string at `key` (any scalar, as written).
    public mutating func string(_ key: String, required: Bool = false) -> String? {
        value(key, required: required)?.string()
    }

    /// The decimal integer at `key`, optionally within `range`.
    public mutating func int(_ key: String, in range: ClosedRange<Int>? = nil, required: Bool = false) -> Int? {
        value(key, required: required)?.int(in: range)
    }

    /// The boolean at `key`.
    public mutating func bool(_ key: String, required: Bool = false) -> Bool? {
        value(key, required: required)?.bool()
    }

    /// The duration at `key` (`500ms`, `10s`, `5m`, `2h`, `1d`), optionally within `range`.
    public mutating func duration(
        _ key: String,
        in range: ClosedRange<Duration>? = nil,
        required: Bool = false
    ) -> Duration? {
        value(key, required: required)?.duration(in: range)
    }

    /// The string at `key`, which must be one of `allowed`.
    public mutating func oneOf(_ key: String, _ allowed: [String], required: Bool = false) -> String? {
        value(key, required: required)?.oneOf(allowed)
    }

    /// The case of a string enumeration at `key`.
    public mutating func `enum`<Value>(_ key: String, as type: Value.Type, required: Bool = false) -> Value?
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        value(key, required: required)?.enum(type)
    }

    /// The list at `key`.
    public mutating func sequence(_ key: String, required: Bool = false) -> [YAMLValue]? {
        value(key, required: required)?.sequence()
    }

    /// The nested mapping at `key`, nil when absent or not a mapping. Call ``finish()`` on it when done.
    public mutating func mapping(_ key: String, required: Bool = false) -> MappingReader? {
        value(key, required: required)?.mapping()
    }

    /// Reads the nested mapping at `key` with `body`, then reports its unknown keys.
    ///
    /// An absent or null section reads as an empty mapping, so its keys take their defaults and
    /// defaults live in one place. Returns nil only when the value is not a mapping (reported).
    public mutating func withMapping<Result>(_ key: String, _ body: (inout MappingReader) -> Result) -> Result? {
        var reader: MappingReader
        if let value = value(key) {
            guard let mapping = value.mapping() else { return nil }
            reader = mapping
        } else {
            reader = MappingReader(emptyAt: keyLocation(key) ?? location, diagnostics: diagnostics, strict: strict)
        }
        let result = body(&reader)
        reader.finish()
        return result
    }

    /// Reports every key that was not asked for as unknown, with a did-you-mean hint.
    public func finish() {
        for entry in entries where !consumed.contains(entry.key) {
            let hint =
                entry.key == "<<"
                ? "不支持合并键 '<<' / merge keys are not supported"
                : Diagnostic.suggestionHint(for: entry.key, among: expected)
            diagnostics.error("未知的键 '\(entry.key)' (unknown key)", at: entry.keyLocation, hint: hint)
        }
    }
}
