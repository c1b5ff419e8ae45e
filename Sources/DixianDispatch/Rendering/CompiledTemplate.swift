import DixianNotify
import DixianPlugins
import Mustache

/// A message template parsed once by swift-mustache (已编译模板), ready for any number of messages.
///
/// swift-mustache escapes values for HTML unless a part says otherwise, so each part opens with a
/// `CONTENT_TYPE` pragma on a line of its own: `TEXT` (nothing escaped) for subject, text and chat, `HTML`
/// for html. The line is standalone, so the parser drops it with its newline and the part's first line
/// still counts as the start of a line for standalone section tags.
struct CompiledTemplate: Sendable {
    /// The template as declared, to tell whether a caller's template is the one compiled.
    let source: MessageTemplate
    let subject: MustacheTemplate
    let text: MustacheTemplate
    let html: MustacheTemplate?
    let chat: MustacheTemplate

    /// Parses every part of `template` of plugin `pluginID`.
    init(_ template: MessageTemplate, pluginID: String) throws(RenderingError) {
        func compile(_ part: String, _ body: String, contentType: String) throws(RenderingError) -> MustacheTemplate {
            do {
                return try MustacheTemplate(string: "{{% CONTENT_TYPE: \(contentType) }}\n" + body)
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
}
