import DixianPlugins
import Foundation

/// What the routes read of the configuration in force (运行配置), fetched per request because a reload
/// changes it: the plugins (duty titles) and the zone dates are shown in.
public struct WebSettings: Sendable {
    public var plugins: PluginSet
    public var timeZone: TimeZone

    public init(plugins: PluginSet, timeZone: TimeZone) {
        self.plugins = plugins
        self.timeZone = timeZone
    }
}
