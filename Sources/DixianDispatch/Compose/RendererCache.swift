import DixianNotify
import DixianPlugins

/// The compiled templates of the loaded plugins (消息模板): compiled once per plugin load, not per message.
public actor RendererCache {
    public init() {}

    private var plugins: PluginSet?
    private var renderer: MessageRenderer?

    /// The renderer for `plugins`, compiling their templates when they changed since the last call
    /// (a reload). Comparing is cheap while nothing changed: the arrays share storage.
    public func renderer(for plugins: PluginSet) throws -> MessageRenderer {
        if let renderer, self.plugins == plugins { return renderer }
        let fresh = try MessageRenderer(plugins: plugins.plugins)
        self.plugins = plugins
        self.renderer = fresh
        return fresh
    }
}
