import Foundation

/// The built `dixian` executable, for end-to-end tests that run it as a real process.
public enum DixianBinary {
    /// `$DIXIAN_BIN` (set by scripts/test), else `.build/debug/dixian` beside the package.
    public static var path: String {
        if let path = ProcessInfo.processInfo.environment["DIXIAN_BIN"] { return path }
        return packageRoot + "/.build/debug/dixian"
    }

    /// The repository root, found from this file's location.
    public static var packageRoot: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }
}
