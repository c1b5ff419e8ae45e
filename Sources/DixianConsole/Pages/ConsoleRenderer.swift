import Mustache

/// Renders the console's pages: each page's template, then the layout around it. Templates are parsed once,
/// when the renderer is made (a syntax error in one is a programming error, caught by the tests).
public struct ConsoleRenderer: Sendable {
    /// The signed-in person, for the header; nil on the sign-in pages.
    public struct User: Sendable {
        public var name: String
        public var csrf: String
        public var nav: [NavItem]

        public init(name: String, csrf: String, nav: [NavItem]) {
            self.name = name
            self.csrf = csrf
            self.nav = nav
        }
    }

    /// One entry of the navigation bar.
    public struct NavItem: Sendable {
        public var title: String
        public var href: String
        public var current: Bool

        public init(title: String, href: String, current: Bool = false) {
            self.title = title
            self.href = href
            self.current = current
        }
    }

    private let library: MustacheLibrary

    public init() {
        var templates: [String: MustacheTemplate] = [:]
        for (name, text) in ConsoleTemplates.all {
            // The templates are constants of this module: one that does not parse fails every test at once.
            templates[name] = try! MustacheTemplate(string: text)
        }
        library = MustacheLibrary(templates: templates)
    }

    /// A whole page: `template` rendered with `view`, inside the layout.
    public func page(title: String, user: User?, template: String, view: Any) -> String {
        let content = library.render(view, withTemplate: template) ?? ""
        let layout = Layout(title: title, stylesheet: ConsoleStyle.path, user: user, content: content)
        return library.render(layout, withTemplate: "layout") ?? ""
    }

    private struct Layout {
        var title: String
        var stylesheet: String
        var user: User?
        var content: String
    }
}
