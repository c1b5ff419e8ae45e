import DixianCore

/// Loading a plugin set failed; nothing of it may be used (all-or-nothing, DESIGN.md principle 1).
///
/// Carries every error found across all plugins and overrides, each at its `file:line:column`, and the
/// warnings found along the way.
public struct PluginLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable identification of the failure, for logs and metrics.
    public enum Code: String, Sendable, Hashable {
        /// The plugins directory cannot be read.
        case directoryUnreadable = "plugins_directory_unreadable"
        /// One or more plugins or overrides are invalid.
        case invalid = "plugins_invalid"
    }

    /// What failed.
    public var code: Code
    /// Every diagnostic: the errors, and any warnings, in file order.
    public var diagnostics: [Diagnostic]

    /// Creates an error.
    public init(code: Code, diagnostics: [Diagnostic]) {
        self.code = code
        self.diagnostics = diagnostics
    }

    /// The errors only.
    public var errors: [Diagnostic] {
        diagnostics.filter { $0.severity == .error }
    }

    /// One diagnostic per line, then a count.
    public var description: String {
        (errors.map(\.description) + ["插件无效：\(errors.count) 个错误 (plugins invalid: \(errors.count) error(s))"])
            .joined(separator: "\n")
    }
}
