import DixianCore
import DixianYAML
import Foundation

/// Reads one `plugin.yaml` into a ``PluginManifest``, reporting every schema problem (unknown key, missing
/// key, wrong type, bad pattern) at its position (plugins/README.md §12, checks 1 and 2).
struct ManifestReader {
    /// The first line every `plugin.yaml` must have, so editors find the schema.
    static let schemaComment = "# yaml-language-server: $schema=../plugin.schema.json"

    let fields: FieldReader

    init(diagnostics: DiagnosticCollector) {
        self.fields = FieldReader(diagnostics: diagnostics)
    }

    /// Reads `bytes` of `file` in `folder`; nil when the YAML itself is unusable (reported).
    func read(bytes: Data, file: String, folder: String) -> PluginManifest? {
        let diagnostics = fields.diagnostics
        guard let document = YAMLDocument(parsing: bytes, file: file, diagnostics: diagnostics, options: .strict)
        else { return nil }
        if Self.firstLine(of: bytes) != Self.schemaComment {
            fields.error(
                "第一行必须是 JSON Schema 注释 (the first line must be the schema comment)",
                at: Diagnostic.Location(file: file), hint: Self.schemaComment)
        }
        var manifest = PluginManifest(folder: folder, file: file, contentHash: ContentHash.sha256(bytes))
        _ = document.readMapping { root in
            readTopLevel(&root, into: &manifest)
        }
        return manifest
    }

    /// The first line of `bytes` without its ending, which may be `\n`, `\r\n` or `\r` (files saved on Windows).
    ///
    /// Split as bytes, never as `Character`s: Swift reads `\r\n` as one grapheme, which `"\n"` does not match.
    static func firstLine(of bytes: Data) -> String {
        let head = bytes.prefix(200)
        let end = head.firstIndex { $0 == 0x0A || $0 == 0x0D } ?? head.endIndex
        return String(decoding: head[..<end], as: UTF8.self)
    }

    private func readTopLevel(_ root: inout MappingReader, into manifest: inout PluginManifest) {
        if let version = root.value("format_version", required: true), version.int() != nil,
            version.int() != 1
        {
            version.error("不支持的格式版本 (unsupported format_version)", hint: "当前为 1 / must be 1")
        }
        manifest.id = fields.pattern(
            root.value("id", required: true), Patterns.isPluginID,
            message: { "无效的插件 id '\($0)' (invalid plugin id)" },
            hint: "^[a-z][a-z0-9_]{1,31}$")
        if let id = manifest.id, id.value != manifest.folder {
            fields.error(
                "插件 id '\(id.value)' 与文件夹名 '\(manifest.folder)' 不一致 (id must equal the folder name)",
                at: id.location)
        }
        manifest.name = fields.text(root.value("name", required: true))?.value
        manifest.version =
            fields.pattern(
                root.value("version", required: true), Patterns.isSemanticVersion,
                message: { "无效的版本号 '\($0)' (not a semantic version)" }, hint: "如 / e.g. 1.0.0")?.value
        manifest.leadUnits =
            fields.textList(root.value("lead_units", required: true), minimum: 1)?
            .value.map(\.value) ?? []
        manifest.cooperatingUnits = fields.textList(root.value("cooperating_units"))?.value.map(\.value) ?? []
        manifest.description = fields.text(root.value("description", required: true))?.value
        manifest.sources = readSources(root.value("sources", required: true))
        manifest.roles = readRoles(root.value("roles"))
        manifest.parameters = readParameters(root.value("parameters"))
        if let defaults = root.value("defaults"), var reader = defaults.mapping() {
            manifest.defaults = fields.readSettings(&reader, allowing: .defaults)
            reader.finish()
        }
        manifest.duties =
            fields.list(root.value("duties")) { value in
                readDuty(value).map { Located($0, at: value.location) }
            }?.value.map(\.value) ?? []
        manifest.templates = readTemplates(root.value("templates"))
        manifest.datasets = readDatasets(root.value("datasets"))
        manifest.rules =
            fields.list(root.value("rules")) { value in
                readRule(value).map { Located($0, at: value.location) }
            }?.value.map(\.value) ?? []
        manifest.campaigns =
            fields.list(root.value("campaigns")) { value in
                readCampaign(value).map { Located($0, at: value.location) }
            }?.value.map(\.value) ?? []
    }

    /// `sources`: at least one document.
    private func readSources(_ value: YAMLValue?) -> [PluginManifest.Source] {
        fields.list(value, minimum: 1) { item -> Located<PluginManifest.Source>? in
            guard var reader = item.mapping() else { return nil }
            defer { reader.finish() }
            let file = readFileName(reader.value("file", required: true))
            let title = fields.text(reader.value("title", required: true))
            let issuer = fields.text(reader.value("issuer"))
            let date = fields.pattern(
                reader.value("date"), Patterns.isPartialDate, message: { "无效的日期 '\($0)' (invalid date)" },
                hint: "YYYY, YYYY-MM 或 / or YYYY-MM-DD，请加引号 / quote it")
            let note = fields.text(reader.value("note"))
            guard let file, let title else { return nil }
            let document = SourceDocument(
                file: file.value, title: title.value, issuer: issuer?.value, date: date?.value, note: note?.value)
            return Located(PluginManifest.Source(file: file, document: document), at: item.location)
        }?.value.map(\.value) ?? []
    }

    /// A `source:` reference of a duty, parameter, dataset or rule.
    func readSourceReference(_ value: YAMLValue?) -> PluginManifest.SourceRef? {
        guard let value, var reader = value.mapping() else { return nil }
        defer { reader.finish() }
        let file = readFileName(reader.value("file", required: true))
        let section = fields.text(reader.value("section"))
        let quote = fields.text(reader.value("quote"))
        guard let file else { return nil }
        return PluginManifest.SourceRef(
            file: file, reference: SourceReference(file: file.value, section: section?.value, quote: quote?.value))
    }

    private func readFileName(_ value: YAMLValue?) -> Located<String>? {
        fields.pattern(
            value, Patterns.isFileName, message: { "无效的文件名 '\($0)' (invalid file name)" },
            hint: "文件名不能含 / \\ 或空白 / no slashes or whitespace")
    }

    /// `roles`: role id → role.
    private func readRoles(_ value: YAMLValue?) -> [PluginManifest.RoleDeclaration] {
        guard let value, var roles = value.mapping() else { return [] }
        var result: [PluginManifest.RoleDeclaration] = []
        for entry in roles.readAllEntries() {
            let id = fields.identifier(key: entry.key, at: entry.keyLocation, what: "角色 id (role id)")
            guard var reader = entry.value.mapping() else { continue }
            let name = fields.text(reader.value("name", required: true))
            let level = fields.oneOf(reader.value("level", required: true), Role.Level.self)
            let description = fields.text(reader.value("description"))
            let perSector = fields.bool(reader.value("per_sector"))
            let everyUnit = fields.bool(reader.value("every_unit"))
            let binding = fields.oneOf(reader.value("binding"), Role.Binding.self)
            let title = fields.roleTitle(reader.value("title"), perSector: perSector?.value ?? false)
            let onBehalfOf = fields.identifier(reader.value("on_behalf_of"), what: "角色 id (role id)")
            reader.finish()
            guard let id, let name, let level else { continue }
            result.append(
                PluginManifest.RoleDeclaration(
                    id: id, name: name.value, level: level, description: description?.value,
                    isPerSector: perSector?.value ?? false, isEveryUnit: everyUnit?.value ?? true, binding: binding,
                    title: title, onBehalfOf: onBehalfOf))
        }
        return result
    }
}
