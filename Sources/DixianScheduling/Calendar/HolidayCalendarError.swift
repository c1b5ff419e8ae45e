import DixianCore

/// Loading the holiday calendar (`config/holidays/cn-*.yaml`) failed; none of it may be used.
///
/// Carries every error of every file, each at its `file:line:column`, so an operator fixes them in one pass.
public struct HolidayCalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable identification of the failure, for logs and metrics.
    public enum Code: String, Sendable, Hashable {
        /// The directory cannot be listed.
        case directoryUnreadable = "holidays_directory_unreadable"
        /// One or more files are invalid.
        case invalid = "holidays_invalid"
    }

    /// What failed.
    public var code: Code
    /// Every diagnostic, errors and warnings, in file order.
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
        (errors.map(\.description) + ["节假日安排无效：\(errors.count) 个错误 (holiday calendar invalid: \(errors.count) error(s))"])
            .joined(separator: "\n")
    }
}
