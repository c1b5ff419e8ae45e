import DixianCore
import Foundation
internal import Yams

/// One parsed YAML file, ready to be read strictly with ``MappingReader``.
///
/// Parsing reports syntax errors at their own line and column; reading reports unknown keys, wrong types and
/// missing required keys. Both report into one ``DiagnosticCollector`` so that an operator sees every
/// problem of a file at once.
///
/// ```swift
/// let diagnostics = DiagnosticCollector()
/// let port = YAMLDocument(parsing: text, file: path, diagnostics: diagnostics)?.readMapping { root in
///     root.int("port", in: 1...65535) ?? 8080
/// }
/// if diagnostics.hasErrors { throw diagnostics.list }
/// ```
public struct YAMLDocument {
    /// The file name used in diagnostics.
    public let file: String
    /// The root value, or nil for an empty document (only whitespace, comments or `---`).
    public let root: YAMLValue?
    /// The rules the document was parsed with.
    public let options: Options
    let diagnostics: DiagnosticCollector

    /// Parses YAML text with the configuration's rules (``Options/configuration``). On a syntax error,
    /// reports it and returns nil.
    ///
    /// - Parameters:
    ///   - text: The YAML source. A leading byte-order mark is ignored.
    ///   - file: The name to use in diagnostics.
    ///   - diagnostics: Where to report problems.
    public init?(parsing text: String, file: String, diagnostics: DiagnosticCollector) {
        self.init(parsing: text, file: file, diagnostics: diagnostics, options: .configuration)
    }

    /// Parses YAML text. On a syntax error, or anything `options` forbids, reports it and returns nil.
    ///
    /// - Parameters:
    ///   - text: The YAML source.
    ///   - file: The name to use in diagnostics.
    ///   - diagnostics: Where to report problems.
    ///   - options: The rules, e.g. ``Options/strict`` for plugins.
    public init?(parsing text: String, file: String, diagnostics: DiagnosticCollector, options: Options) {
        var text = text
        if text.hasPrefix("\u{FEFF}") {
            guard options.allowsByteOrderMark else {
                diagnostics.error(
                    "文件不能以字节顺序标记 (BOM) 开头 (byte-order mark not allowed)",
                    at: Diagnostic.Location(file: file),
                    hint: "请另存为无 BOM 的 UTF-8 / save as UTF-8 without BOM"
                )
                return nil
            }
            // Windows editors (Notepad) often write a byte-order mark; it is not content.
            text = String(text.unicodeScalars.dropFirst())
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, options.resolver, .default, .utf8)
        } catch {
            diagnostics.report(Self.diagnostic(for: error, text: text, file: file))
            return nil
        }
        let source = SourceText(text)
        if let node, !options.allowsAnchorsAndTags || options.maximumNodeCount != nil {
            guard Self.checkStrictness(of: node, source: source, file: file, options: options, diagnostics: diagnostics)
            else { return nil }
        }
        self.file = file
        self.diagnostics = diagnostics
        self.options = options
        let context = YAMLValue.Context(file: file, diagnostics: diagnostics, options: options, source: source)
        self.root = node.map { YAMLValue(node: $0, context: context) }
    }

    /// Parses YAML bytes with the configuration's rules. Invalid UTF-8 is reported at the first bad byte.
    public init?(parsing data: Data, file: String, diagnostics: DiagnosticCollector) {
        self.init(parsing: data, file: file, diagnostics: diagnostics, options: .configuration)
    }

    /// Parses YAML bytes, which must be UTF-8. Invalid UTF-8 is reported at the first bad byte.
    public init?(parsing data: Data, file: String, diagnostics: DiagnosticCollector, options: Options) {
        if let encoding = Self.unsupportedEncoding(sniffing: data) {
            diagnostics.error(
                "文件为 \(encoding) 编码，不支持 (\(encoding) is not supported, YAML files must be UTF-8)",
                at: Diagnostic.Location(file: file),
                hint: "请另存为 UTF-8 / save it as UTF-8, e.g. iconv -f \(encoding) -t UTF-8"
            )
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            diagnostics.error(
                "文件不是 UTF-8 编码 (file is not valid UTF-8)",
                at: Self.firstInvalidUTF8Location(in: data, file: file),
                hint: "请另存为 UTF-8 / save it as UTF-8, e.g. iconv -f GB18030 -t UTF-8"
            )
            return nil
        }
        self.init(parsing: text, file: file, diagnostics: diagnostics, options: options)
    }

    /// Reads the root mapping with `body`, then reports unknown keys.
    ///
    /// An empty document (or a lone `~`) reads as an empty mapping, so every key takes its default.
    /// A root that is not a mapping is reported and `body` is not called.
    public func readMapping<Result>(_ body: (inout MappingReader) -> Result) -> Result? {
        guard let root, !root.isNull else {
            var reader = MappingReader(
                emptyAt: Diagnostic.Location(file: file), diagnostics: diagnostics, strict: options.strictTypes)
            let result = body(&reader)
            reader.finish()
            return result
        }
        guard var reader = root.mapping() else { return nil }
        let result = body(&reader)
        reader.finish()
        return result
    }

    /// The encoding a UTF-32 or UTF-16 byte-order mark names (UTF-32's first: `FF FE 00 00` begins with UTF-16
    /// LE's mark), nil when the bytes start with neither.
    static func unsupportedEncoding(sniffing data: Data) -> String? {
        let head = Array(data.prefix(4))
        if head == [0xFF, 0xFE, 0x00, 0x00] { return "UTF-32LE" }
        if head == [0x00, 0x00, 0xFE, 0xFF] { return "UTF-32BE" }
        if head.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if head.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        return nil
    }

    /// The location of the first byte that is not valid UTF-8, counting lines and scalars before it.
    static func firstInvalidUTF8Location(in data: Data, file: String) -> Diagnostic.Location {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        var position = TextPosition()
        while case .valid(let encoded) = parser.parseScalar(from: &iterator) {
            position.advance(over: Unicode.UTF8.decode(encoded))
        }
        return Diagnostic.Location(file: file, line: position.line, column: position.column)
    }
}

/// Line and column while walking text the way libyaml counts: `\r\n`, `\r` and `\n` end a line,
/// columns count Unicode scalars.
struct TextPosition {
    var line = 1
    var column = 1
    private var afterCarriageReturn = false

    mutating func advance(over scalar: Unicode.Scalar) {
        switch scalar {
        case "\n" where afterCarriageReturn:
            break
        case "\n", "\r":
            line += 1
            column = 1
        default:
            column += 1
        }
        afterCarriageReturn = scalar == "\r"
    }
}
