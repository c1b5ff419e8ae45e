import DixianMustache
import DixianNotify
import DixianPlugins
import Mustache

/// A message template parsed once (已编译模板), ready for any number of messages.
///
/// swift-mustache escapes values for HTML unless a part says otherwise, so each part opens with a
/// `CONTENT_TYPE` pragma on a line of its own: `TEXT` (nothing escaped) for subject, text and chat, `HTML`
/// for html. The line is standalone, so the parser drops it with its newline and the part's first line
/// still counts as the start of a line for standalone section tags.
struct CompiledTemplate: Sendable {
    /// The template as declared, to tell whether a caller's template is the one compiled.
    let source: MessageTemplate
    let subject: Part
    let text: Part
    let html: Part?
    let chat: Part

    /// One part, rendered by ``DixianMustache/TypedTemplate`` when its parser takes the part, which it does for
    /// every part in the Mustache subset of plugins/README.md §9, and by swift-mustache otherwise.
    enum Part: Sendable {
        case typed(TypedTemplate)
        case reference(MustacheTemplate)

        /// Parses `text`; swift-mustache decides whether it is valid and says where it is not.
        init(_ text: String) throws {
            let reference = try MustacheTemplate(string: text)
            if let typed = try? TypedTemplate(parsing: text) {
                self = .typed(typed)
            } else {
                self = .reference(reference)
            }
        }

        func render(_ context: TemplateContext) -> String {
            switch self {
            case .typed(let template): template.render(context.tree)
            case .reference(let template): template.render(context.root)
            }
        }

        /// Whether the typed renderer renders this part.
        var isTyped: Bool {
            if case .typed = self { return true }
            return false
        }
    }

    /// Parses every part of `template` of plugin `pluginID`.
    init(_ template: MessageTemplate, pluginID: String) throws(RenderingError) {
        func compile(_ part: String, _ body: String, contentType: String) throws(RenderingError) -> Part {
            do {
                return try Part("{{% CONTENT_TYPE: \(contentType) }}\n" + body)
            } catch {
                throw RenderingError(
                    .templateSyntax,
                    context: ["plugin": pluginID, "template": template.id, "part": part, "error": "\(error)"])
            }
        }
        source = template
        subject = try compile("subject", template.subject, contentType: "TEXT")
        text = try compile("text", template.text, contentType: "TEXT")
        html = try template.html.map { html throws(RenderingError) in try compile("html", html, contentType: "HTML") }
        chat = try compile("chat", template.chat, contentType: "TEXT")
    }

    /// Whether every part is rendered by the typed renderer.
    var isTyped: Bool {
        [subject, text, chat].allSatisfy(\.isTyped) && (html?.isTyped ?? true)
    }
}
