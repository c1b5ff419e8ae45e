import Mustache

/// HTML escaping for the text the renderers write themselves (layout, footer, digest rows).
///
/// It goes through swift-mustache's own HTML content type, so what the code writes is escaped exactly as
/// the values in a template's `html` part are.
enum HTMLEscaping {
    private static let template = try! MustacheTemplate(string: "{{% CONTENT_TYPE: HTML }}\n{{value}}")

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, fit for element content and quoted attributes.
    static func escape(_ text: String) -> String {
        template.render(["value": text])
    }
}
