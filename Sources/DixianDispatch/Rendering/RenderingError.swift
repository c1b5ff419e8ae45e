import DixianCore
import DixianNotify

/// Why a message could not be rendered (渲染失败): a stable code and the facts to find the template.
///
/// The plugin loader checks every template first, so these point at a bug or at a caller passing the
/// wrong template or nothing at all.
public struct RenderingError: Error, Sendable, Hashable, ContextualError {
    /// Stable error codes, safe to match on; the raw value is what logs print.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// swift-mustache could not parse a template part.
        case templateSyntax = "template_syntax"
        /// The plugin has no template with that id.
        case unknownTemplate = "unknown_template"
        /// A digest of no items.
        case emptyDigest = "empty_digest"
    }

    public let code: Code
    /// `plugin`, `template`, `part`, `error`, as far as known.
    public let context: [String: String]

    public init(_ code: Code, context: [String: String] = [:]) {
        self.code = code
        self.context = context
    }

    /// Chinese first, English in parentheses; the same for every error of a code.
    public var message: String {
        switch code {
        case .templateSyntax: "模板无法解析 (template does not parse)"
        case .unknownTemplate: "插件没有此模板 (no such template)"
        case .emptyDigest: "汇总提醒没有任何事项 (a digest needs at least one item)"
        }
    }
}
