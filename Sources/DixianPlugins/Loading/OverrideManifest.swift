import DixianCore
import DixianYAML
import Foundation

/// A bureau override file `config/plugins/<id>.yaml` as written (plugins/README.md §11).
///
/// Parameter values stay YAML values until the plugin's definitions are known, then are read with the
/// parameter's type and range.
struct OverrideManifest {
    var file: String
    /// The plugin id: the file name without `.yaml`.
    var pluginID: String
    /// The stored version it was read from, nil for a file.
    var storedVersion: Int?
    var contentHash: String
    var enabled: Located<Bool>?
    var channels: Located<[Located<String>]>?
    var fallbackChannels: Located<[Located<String>]>?
    /// The county's document for every duty of the plugin that sets none of its own (依据).
    var basis: Located<DocumentBasis>?
    var parameters: [(name: Located<String>, value: YAMLValue)] = []
    var duties: [(id: Located<String>, settings: DutySettings)] = []

    /// Reads an override file; nil when the YAML itself is unusable (reported).
    static func read(
        bytes: Data, file: String, pluginID: String, storedVersion: Int? = nil, diagnostics: DiagnosticCollector
    ) -> OverrideManifest? {
        guard let document = YAMLDocument(parsing: bytes, file: file, diagnostics: diagnostics, options: .strict)
        else { return nil }
        let fields = FieldReader(diagnostics: diagnostics)
        var manifest = OverrideManifest(file: file, pluginID: pluginID, storedVersion: storedVersion, contentHash: ContentHash.sha256(bytes))
        _ = document.readMapping { root in
            if let version = root.value("format_version", required: true), let number = version.int(), number != 1 {
                version.error("不支持的格式版本 (unsupported format_version)", hint: "当前为 1 / must be 1")
            }
            manifest.enabled = fields.bool(root.value("enabled"))
            manifest.channels = fields.channels(root.value("channels"))
            manifest.fallbackChannels = fields.channels(root.value("fallback_channels"))
            manifest.basis = fields.documentBasis(root.value("basis"))
            if let parameters = root.value("parameters"), var reader = parameters.mapping() {
                for entry in reader.readAllEntries() {
                    guard
                        let name = fields.identifier(
                            key: entry.key, at: entry.keyLocation, what: "参数名 (parameter name)")
                    else { continue }
                    manifest.parameters.append((name, entry.value))
                }
            }
            if let duties = root.value("duties"), var reader = duties.mapping() {
                for entry in reader.readAllEntries() {
                    let id = fields.identifier(key: entry.key, at: entry.keyLocation, what: "任务 id (duty id)")
                    guard var dutyReader = entry.value.mapping() else { continue }
                    if dutyReader.keys.isEmpty {
                        entry.value.error("任务覆盖不能为空 (a duty override needs at least one key)")
                    }
                    let settings = fields.readSettings(&dutyReader, allowing: .overrideDuty)
                    dutyReader.finish()
                    if let id { manifest.duties.append((id, settings)) }
                }
            }
        }
        return manifest
    }
}
