import DixianCore
import DixianYAML
import Foundation

/// What reading a configuration needs besides the YAML: the environment, secret files, a collector, and
/// the directory relative paths in the file are relative to.
struct ConfigurationReadingContext {
    var environment: [String: String]
    var diagnostics: DiagnosticCollector
    /// The configuration file's directory, absolute; nil for the embedded defaults and parsed text, whose
    /// relative paths stay relative to the working directory.
    var baseDirectory: String?
    /// `dixian check --credentials-dir DIR`: secret files under `/run/credentials/<unit>/` are read from `DIR`
    /// instead, as systemd's `LoadCredential=` will hand them over (nil: read every path as written).
    var credentialsDirectory: String? = nil

    /// `path` as the daemon opens it: absolute paths as written, relative ones under ``baseDirectory``.
    /// A file at `/etc/dixian/dixian.yaml` saying `plugins.d` means `/etc/dixian/plugins.d`, whatever the
    /// working directory of the daemon (systemd runs it in `/var/lib/dixian`).
    func resolve(_ path: String) -> String {
        guard let baseDirectory, !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: baseDirectory, isDirectory: true))
            .standardizedFileURL.path
    }

    /// A path key: a non-empty string, resolved with ``resolve(_:)``; nil when absent or invalid (reported).
    func path(_ key: String, in reader: inout MappingReader) -> String? {
        reader.value(key).flatMap(Configuration.nonEmptyString).map(resolve)
    }

    /// Where relative paths are relative to, for hints.
    var relativePathHint: String {
        baseDirectory == nil
            ? "绝对路径, 或相对于工作目录 / absolute, or relative to the working directory"
            : "绝对路径, 或相对于配置文件所在目录 / absolute, or relative to the configuration file's directory"
    }

    /// An environment variable, treating an empty value as unset (systemd's `Environment=NAME=` clears one).
    func environmentValue(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// Reads a `*_file` secret, as systemd's `LoadCredential=` provides them, dropping one trailing newline
    /// (editors and `echo` add one). Problems are reported at `keyLocation` and name the path, never the content.
    ///
    /// A relative path is resolved with ``resolve(_:)``; a credential path is redirected by
    /// ``credentialsDirectory`` (``CredentialPath``).
    func readSecretFile(_ written: String, keyLocation: Diagnostic.Location) -> String? {
        let credential = CredentialPath(resolve(written), credentialsDirectory: credentialsDirectory)
        let path = credential.readPath
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            diagnostics.error(
                "无法读取文件 '\(path)' (cannot read file)\(credential.standingInNote): \(Self.reason(path))",
                at: keyLocation,
                hint: credential.missingHint ?? relativePathHint
            )
            return nil
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            diagnostics.error("文件 '\(path)' 不是 UTF-8 文本 (file is not UTF-8 text)\(credential.standingInNote)", at: keyLocation)
            return nil
        }
        if text.hasSuffix("\n") {
            text.removeLast()  // also removes "\r\n", a single Character
        }
        guard !text.isEmpty else {
            diagnostics.error(
                "文件 '\(path)' 为空 (file is empty)\(credential.standingInNote)", at: keyLocation, hint: credential.emptyHint)
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
