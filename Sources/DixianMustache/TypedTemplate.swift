/// A Mustache template parsed once and rendered with a typed ``MustacheValue`` context (类型化模板).
///
/// It renders exactly what swift-mustache 2 renders for the same text and context, for the subset dixian's
/// templates use: text, variables (`{{x}}`, `{{{x}}}`, `{{&x}}`), sections and inverted sections, comments and
/// the `CONTENT_TYPE` pragma (`TEXT` or `HTML`), with Mustache's standalone-line rules. Its parser is a port of
/// swift-mustache's, quirks included, so the two agree on whitespace; tests and `FuzzMustache` compare them.
/// Anything else (partials, inheritance, set delimiters, transforms) is ``TypedTemplateError/Code/unsupported``:
/// the caller keeps swift-mustache for that template.
///
/// Parse with swift-mustache first: it decides whether a template is valid and reports where it is not. This
/// parser throws for every error too, but with less to say.
public struct TypedTemplate: Sendable {
    /// One piece of a parsed template.
    indirect enum Node: Sendable {
        case text(String)
        case variable(Name, escaped: Bool)
        case section(Name, inverted: Bool, [Node])
        /// From here to the end of the enclosing template or section, values are escaped for `ContentType`.
        case contentType(ContentType)
    }

    /// How a variable's value is escaped (the `CONTENT_TYPE` pragma). swift-mustache starts in HTML.
    enum ContentType: Sendable {
        case text
        case html
    }

    /// A tag's name, split once at parse time.
    struct Name: Sendable, Hashable {
        /// The dot-separated segments, empty segments left out as swift-mustache does; none for `.`.
        var segments: [String]
        /// A name that starts with a dot is looked up in the current object only, not further down the stack.
        var anchored: Bool

        init(_ text: String) {
            segments = text.split(separator: ".").map(String.init)
            anchored = text.first == "."
        }
    }

    let nodes: [Node]

    /// Parses `text`.
    ///
    /// - Throws: ``TypedTemplateError`` with code `unsupported` for a construct outside the subset, `syntax` for
    ///   text swift-mustache does not accept either.
    public init(parsing text: String) throws(TypedTemplateError) {
        var parser = Parser(text)
        nodes = try parser.parseTemplate()
    }

    /// The template rendered with `root` as the only object on the context stack.
    public func render(_ root: MustacheValue) -> String {
        var output = ""
        var stack = [root]
        Self.render(nodes, stack: &stack, contentType: .html, into: &output)
        return output
    }
}

/// Why ``TypedTemplate`` did not parse a template (模板无法按类型化方式解析).
public struct TypedTemplateError: Error, Sendable, Hashable {
    public enum Code: String, Sendable, Hashable {
        /// Valid Mustache outside the subset; render it with swift-mustache.
        case unsupported
        /// Not valid Mustache.
        case syntax
    }

    public let code: Code
    /// The character offset where parsing stopped.
    public let offset: Int
    /// What was found there.
    public let detail: String

    public init(_ code: Code, offset: Int, detail: String) {
        self.code = code
        self.offset = offset
        self.detail = detail
    }
}
