import DixianCore
import DixianYAML

extension ManifestReader {
    /// `parameters`: name → definition, with the type rules of plugin.schema.json's `parameter`.
    func readParameters(_ value: YAMLValue?) -> [PluginManifest.ParameterDeclaration] {
        guard let value, var parameters = value.mapping() else { return [] }
        return parameters.readAllEntries().compactMap { entry in
            let name = fields.identifier(key: entry.key, at: entry.keyLocation, what: "参数名 (parameter name)")
            guard var reader = entry.value.mapping() else { return nil }
            defer { reader.finish() }
            let declaration = readParameter(&reader)
            guard let name else { return nil }
            var result = declaration
            result.name = name
            return result
        }
    }

    private func readParameter(_ reader: inout MappingReader) -> PluginManifest.ParameterDeclaration {
        let kind = fields.oneOf(reader.value("type", required: true), Parameter.Kind.self)?.value
        var itemKind: Parameter.Kind?
        if let itemValue = reader.value("item_type") {
            itemKind = fields.oneOf(itemValue, Parameter.Kind.self)?.value
            if itemKind == .list {
                itemValue.error("list 的元素类型不能是 list (item_type cannot be list)")
                itemKind = nil
            } else if let kind, kind != .list {
                forbid("item_type", in: reader, kind: kind)
            }
        } else if kind == .list {
            _ = reader.value("item_type", required: true)
        }
        var declaration = PluginManifest.ParameterDeclaration(
            name: Located("", at: reader.location),
            kind: kind,
            itemKind: kind == .list ? itemKind : nil,
            title: fields.text(reader.value("title", required: true))?.value,
            description: fields.text(reader.value("description", required: true))?.value,
            unit: fields.text(reader.value("unit"))?.value,
            source: readSourceReference(reader.value("source"))
        )
        // The type of single values: the item type for lists.
        let element = kind == .list ? itemKind : kind
        let valuesValue = reader.value("values")
        if element == .enum {
            _ = reader.value("values", required: true)
            declaration.allowedValues = fields.textList(valuesValue, minimum: 1)?.value.map(\.value)
        } else if valuesValue != nil, let kind, element != nil {
            forbid("values", in: reader, kind: kind)
        }
        let bounded: Set<Parameter.Kind> = [.integer, .money, .days, .percent, .date]
        for key in ["min", "max"] {
            guard let boundValue = reader.value(key), let kind, let element else { continue }
            guard bounded.contains(element) else {
                forbid(key, in: reader, kind: kind)
                continue
            }
            let bound = fields.scalarParameterValue(boundValue, kind: element, allowedValues: nil)
                .map { Located($0, at: boundValue.location) }
            if key == "min" { declaration.minimum = bound } else { declaration.maximum = bound }
        }
        if let minimum = declaration.minimum, let maximum = declaration.maximum,
            let order = FieldReader.compare(minimum.value, maximum.value), order > 0
        {
            fields.error("min 大于 max (min > max)", at: minimum.location)
        }
        if let defaultValue = reader.value("default", required: true), let kind, element != nil {
            declaration.defaultValue = fields.parameterValue(
                defaultValue, kind: kind, itemKind: itemKind, allowedValues: declaration.allowedValues,
                minimum: declaration.minimum?.value, maximum: declaration.maximum?.value
            ).map { Located($0, at: defaultValue.location) }
        }
        return declaration
    }

    /// Reports a key that the parameter's type does not allow, at the key.
    private func forbid(_ key: String, in reader: MappingReader, kind: Parameter.Kind) {
        fields.error(
            "\(kind.rawValue) 类型的参数不能有 \(key) (\(key) not allowed for type \(kind.rawValue))",
            at: reader.keyLocation(key) ?? reader.location)
    }
}
