import DixianCore
import DixianDirectory
import DixianYAML
import Foundation

/// The role catalogue of the shipped plugins (`plugins/*/plugin.yaml`, key `roles:`), read with
/// DixianYAML, so the tests check the demo county against what the plugins really declare.
enum PluginRoles {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static func catalogue() throws -> RoleCatalogue {
        let pluginsDirectory = self.repositoryRoot.appendingPathComponent("plugins")
        var roles: [DirectoryRole] = []
        var sectors: Set<String> = []
        let folders = try FileManager.default.contentsOfDirectory(atPath: pluginsDirectory.path).sorted()
        for folder in folders {
            let file = pluginsDirectory.appendingPathComponent(folder).appendingPathComponent("plugin.yaml")
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            let diagnostics = DiagnosticCollector()
            let document = YAMLDocument(parsing: data, file: file.path, diagnostics: diagnostics, options: .strict)
            _ = document?.readMapping { root in
                for entry in root.readAllEntries() {
                    if entry.key == "id", let id = entry.value.string() { sectors.insert(id) }
                    guard entry.key == "roles", var map = entry.value.mapping() else { continue }
                    for role in map.readAllEntries() {
                        guard var fields = role.value.mapping() else { continue }
                        let values = Dictionary(fields.readAllEntries().map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
                        roles.append(DirectoryRole(
                            id: role.key,
                            name: values["name"]?.string(),
                            level: values["level"]?.string().flatMap(OrgLevel.init(rawValue:)),
                            perSector: values["per_sector"]?.bool() ?? false
                        ))
                    }
                }
            }
            if diagnostics.hasErrors { throw diagnostics.list }
        }
        return RoleCatalogue(roles: roles, sectors: sectors)
    }
}
