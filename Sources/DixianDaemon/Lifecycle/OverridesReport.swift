import DixianPlugins
import Foundation

/// Which bureau overrides directory a configuration reads and how many override files it held: the line
/// `dixian check` prints and the daemon logs at start-up and on reload, so that an operator sees at once
/// whether the overrides were found (overrides in the wrong place are otherwise silently not applied).
public struct OverridesReport: Sendable, Equatable, CustomStringConvertible {
    /// The directory, as the loader read it.
    public var directory: String
    /// Whether it exists; only the default directory may be missing (an explicit one is an error).
    public var exists: Bool
    /// Override files applied, one per overridden plugin.
    public var fileCount: Int

    /// Creates a report.
    public init(directory: String, exists: Bool, fileCount: Int) {
        self.directory = directory
        self.exists = exists
        self.fileCount = fileCount
    }

    /// Looks at `directory` and counts the plugins an override file was applied to.
    init(directory: String, plugins: PluginSet) {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue
        self.init(directory: directory, exists: exists, fileCount: plugins.plugins.count { $0.overrideFile != nil })
    }

    /// `覆盖配置目录 /etc/dixian/plugins.d: 2 个文件 (overrides directory /etc/dixian/plugins.d: 2 files)`, or,
    /// for a missing default directory, that no overrides apply.
    public var description: String {
        guard exists else {
            return "覆盖配置目录 \(directory) 不存在, 无覆盖配置 (overrides directory \(directory) missing: no overrides)"
        }
        let files = fileCount == 1 ? "1 file" : "\(fileCount) files"
        return "覆盖配置目录 \(directory): \(fileCount) 个文件 (overrides directory \(directory): \(files))"
    }
}
