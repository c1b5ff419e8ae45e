import DixianCore
import Foundation

/// The file-system side of loading: which folders and override files there are, and their bytes.
struct PluginFiles {
    let diagnostics: DiagnosticCollector

    /// A sub-folder of the plugins directory.
    struct Folder {
        var name: String
        /// `<dir>/<name>/plugin.yaml`, nil when missing (reported).
        var manifestFile: String?
    }

    /// An override file and the plugin id its name gives.
    struct OverrideFile {
        var path: String
        var pluginID: String
    }

    /// Every direct sub-folder (hidden ones excepted), sorted; a folder without `plugin.yaml` is an error.
    /// Nil when the directory cannot be listed (reported).
    func pluginFolders(in directory: String) -> [Folder]? {
        guard let names = list(directory, what: "插件目录 (plugins directory)") else { return nil }
        var folders: [Folder] = []
        for name in names where isDirectory(join(directory, name)) {
            let file = join(join(directory, name), "plugin.yaml")
            if FileManager.default.fileExists(atPath: file) {
                folders.append(Folder(name: name, manifestFile: file))
            } else {
                diagnostics.error(
                    "插件文件夹中没有 plugin.yaml (plugin folder without plugin.yaml)",
                    at: Diagnostic.Location(file: join(directory, name)),
                    hint: "每个插件文件夹须有 plugin.yaml；不是插件请移出插件目录 / move non-plugin folders elsewhere")
                folders.append(Folder(name: name, manifestFile: nil))
            }
        }
        return folders
    }

    /// The `<id>.yaml` files of the overrides directory, sorted; none when it does not exist. A `.yml` file
    /// is reported instead of silently ignored.
    func overrideFiles(in directory: String) -> [OverrideFile] {
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        guard let names = list(directory, what: "覆盖配置目录 (overrides directory)") else { return [] }
        var files: [OverrideFile] = []
        for name in names where !isDirectory(join(directory, name)) {
            if name.hasSuffix(".yaml") {
                files.append(OverrideFile(path: join(directory, name), pluginID: String(name.dropLast(".yaml".count))))
            } else if name.hasSuffix(".yml") {
                diagnostics.error(
                    "覆盖配置文件须以 .yaml 结尾 (override files must end in .yaml)",
                    at: Diagnostic.Location(file: join(directory, name)),
                    hint: "改名为 / rename to \(name.dropLast(".yml".count)).yaml")
            }
        }
        return files
    }

    /// A file's bytes, nil when unreadable (reported).
    func read(_ path: String) -> Data? {
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.error("无法读取文件 (cannot read file)", at: Diagnostic.Location(file: path))
            return nil
        }
        return data
    }

    private func list(_ directory: String, what: String) -> [String]? {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            diagnostics.error(
                "无法读取\(what) (cannot list directory)", at: Diagnostic.Location(file: directory),
                hint: "检查 plugins.dir 或 --plugins-dir / check plugins.dir or --plugins-dir")
            return nil
        }
    }

    private func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
