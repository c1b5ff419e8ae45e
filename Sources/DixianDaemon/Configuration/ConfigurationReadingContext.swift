import DixianCore
import Foundation

/// What reading a configuration needs besides the YAML: the environment, secret files, and a collector.
struct ConfigurationReadingContext {
    var environment: [String: String]
    var diagnostics: DiagnosticCollector

    /// An environment variable, treating an empty value as unset (systemd's `Environment=NAME=` clears one).
    func environmentValue(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// Reads a `*_file` secret, as systemd's `LoadCredential=` provides them, dropping one trailing newline
    /// (editors and `echo` add one). Problems are reported at `keyLocation` and name the path, never the content.
    ///
    /// A relative path is relative to the working directory, like every relative path the daemon is given.
    func readSecretFile(_ path: String, keyLocation: Diagnostic.Location) -> String? {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            diagnostics.error(
                "无法读取文件 '\(path)' (cannot read file): \(Self.reason(path))",
                at: keyLocation,
                hint: "绝对路径, 或相对于工作目录 / absolute, or relative to the working directory"
            )
            return nil
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            diagnostics.error("文件 '\(path)' 不是 UTF-8 文本 (file is not UTF-8 text)", at: keyLocation)
            return nil
        }
        if text.hasSuffix("\n") {
            text.removeLast()  // also removes "\r\n", a single Character
        }
        guard !text.isEmpty else {
            diagnostics.error("文件 '\(path)' 为空 (file is empty)", at: keyLocation)
            return nil
        }
        return text
    }

    /// A short reason why a file could not be read, for an operator rather than a developer.
    static func reason(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "文件不存在 (no such file)"
        }
        if isDirectory.boolValue {
            return "这是目录 (is a directory)"
        }
        if !FileManager.default.isReadableFile(atPath: path) {
            return "没有读取权限 (permission denied)"
        }
        return "读取失败 (read failed)"
    }
}
