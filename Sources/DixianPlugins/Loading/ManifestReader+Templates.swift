import DixianCore
import DixianYAML

extension ManifestReader {
    /// `templates`: template id → `{description?, subject, text, html?, chat}`.
    func readTemplates(_ value: YAMLValue?) -> [PluginManifest.TemplateDeclaration] {
        guard let value, var templates = value.mapping() else { return [] }
        return templates.readAllEntries().compactMap { entry in
            let id: Located<String>? =
                Patterns.isTemplateID(entry.key)
                ? Located(entry.key, at: entry.keyLocation) : nil
            if id == nil {
                fields.error(
                    "无效的模板 id '\(entry.key)' (invalid template id)", at: entry.keyLocation,
                    hint: "^[a-z][a-z0-9]*([-_][a-z0-9]+)*$，如 / e.g. duty-reminder")
            }
            guard var reader = entry.value.mapping() else { return nil }
            defer { reader.finish() }
            let description = fields.text(reader.value("description"))?.value
            var parts: [TemplatePart] = []
            for (name, required) in [("subject", true), ("text", true), ("html", false), ("chat", true)] {
                guard let partValue = reader.value(name, required: required),
                    let text = fields.text(partValue)?.value
                else { continue }
                parts.append(TemplatePart(name: name, text: text, locate: partValue.location(atScalarOffset:)))
            }
            guard let id else { return nil }
            return PluginManifest.TemplateDeclaration(id: id, description: description, parts: parts)
        }
    }

    /// `datasets` (reserved): dataset id → `{title, description?, source?, key?, columns}`.
    func readDatasets(_ value: YAMLValue?) -> [PluginManifest.DatasetDeclaration] {
        guard let value, var datasets = value.mapping() else { return [] }
        return datasets.readAllEntries().compactMap { entry in
            let id = fields.identifier(key: entry.key, at: entry.keyLocation, what: "数据集 id (dataset id)")
            guard var reader = entry.value.mapping() else { return nil }
            defer { reader.finish() }
            let title = fields.text(reader.value("title", required: true))
            let description = fields.text(reader.value("description"))
            let source = readSourceReference(reader.value("source"))
            let key = fields.identifierList(reader.value("key"), minimum: 1, what: "列名 (column name)")
            let columns = fields.list(reader.value("columns", required: true), minimum: 1) { item in
                readColumn(item).map { Located($0, at: item.location) }
            }
            guard let id, let title, let columns else { return nil }
            let dataset = Dataset(
                id: id.value, title: title.value, description: description?.value, source: source?.reference,
                key: key?.value.map(\.value) ?? [], columns: columns.value.map(\.value.column))
            return PluginManifest.DatasetDeclaration(
                id: id, dataset: dataset, key: key?.value ?? [], columnNames: columns.value.map(\.value.name),
                source: source)
        }
    }

    private func readColumn(_ value: YAMLValue) -> (column: Dataset.Column, name: Located<String>)? {
        guard var reader = value.mapping() else { return nil }
        defer { reader.finish() }
        let name = fields.identifier(reader.value("name", required: true), what: "列名 (column name)")
        let title = fields.text(reader.value("title", required: true))
        let kind = fields.oneOf(reader.value("type", required: true), Dataset.Column.Kind.self)
        let valuesValue = reader.value("values")
        var values: [String]?
        if kind?.value == .enum {
            _ = reader.value("values", required: true)
            values = fields.textList(valuesValue, minimum: 1)?.value.map(\.value)
        } else if valuesValue != nil, kind != nil {
            fields.error(
                "只有 enum 列可以有 values (values only for enum columns)",
                at: reader.keyLocation("values") ?? value.location)
        }
        let required = fields.bool(reader.value("required"))
        let sensitivity = fields.oneOf(reader.value("sensitivity"), Dataset.Column.Sensitivity.self)
        guard let name, let title, let kind else { return nil }
        let column = Dataset.Column(
            name: name.value, title: title.value, kind: kind.value, values: values,
            isRequired: required?.value ?? false, sensitivity: sensitivity?.value ?? .personal)
        return (column, name)
    }

    /// One entry of `rules` (reserved).
    func readRule(_ value: YAMLValue) -> PluginManifest.RuleDeclaration? {
        guard var reader = value.mapping() else { return nil }
        defer { reader.finish() }
        let id = fields.identifier(reader.value("id", required: true), what: "规则 id (rule id)")
        let title = fields.text(reader.value("title", required: true))
        let description = fields.text(reader.value("description"))
        let dataset = fields.identifier(reader.value("dataset", required: true), what: "数据集 id (dataset id)")
        let whenValue = reader.value("when", required: true)
        let when = fields.text(whenValue)
        let severity = fields.oneOf(reader.value("severity", required: true), ScreeningRule.Severity.self)
        let enabled = fields.bool(reader.value("enabled"))
        let source = readSourceReference(reader.value("source", required: true))
        guard let id, let title, let dataset, let whenValue, let when, let severity, let source else { return nil }
        let rule = ScreeningRule(
            id: id.value, title: title.value, description: description?.value, dataset: dataset.value,
            condition: when.value, severity: severity.value, isEnabled: enabled?.value ?? true,
            source: source.reference)
        return PluginManifest.RuleDeclaration(
            id: id, rule: rule, dataset: dataset,
            when: TemplatePart(name: "when", text: when.value, locate: whenValue.location(atScalarOffset:)),
            source: source)
    }
}
