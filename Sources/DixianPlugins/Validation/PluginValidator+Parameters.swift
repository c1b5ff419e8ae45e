import DixianCore

/// A value field after `$parameter` substitution, with where to report problems with its value.
struct Resolved<Value> {
    var value: Value
    /// The field itself for literals and defaults; the override's value when a bureau override set it.
    var location: Diagnostic.Location
    /// The parameter it came from, if any.
    var parameter: String?

    /// A hint naming the parameter, for errors about the substituted value.
    var hint: String? {
        parameter.map { "值来自参数 $\($0) / the value comes from parameter $\($0)" }
    }
}

extension PluginValidator {
    /// Substitutes a `$parameter` in a value field (plugins/README.md §5): the parameter must be declared
    /// and of one of `kinds`; `check` adds further conditions (e.g. weekday codes). Records the use.
    func resolve<Value>(
        _ field: Located<ParameterOr<Value>>,
        path: String,
        kinds: Set<Parameter.Kind>,
        in context: inout PluginContext,
        references: inout [String: String],
        check: ((PluginManifest.ParameterDeclaration) -> String?)? = nil,
        convert: (ParameterValue) -> Value?
    ) -> Resolved<Value>? {
        switch field.value {
        case .literal(let value):
            return Resolved(value: value, location: field.location)
        case .parameter(let name):
            context.usedParameters.insert(name)
            guard let declaration = context.parameters[name] else {
                fields.error(
                    "未声明的参数 $\(name) (unknown parameter)", at: field.location,
                    hint: Diagnostic.suggestionHint(
                        for: name, among: context.manifest.parameters.map(\.name.value),
                        noun: "已声明的参数 / declared parameters"))
                return nil
            }
            guard let kind = declaration.kind else { return nil }
            guard kinds.contains(kind) else {
                let expected = kinds.map(\.rawValue).sorted().joined(separator: ", ")
                fields.error(
                    "参数 $\(name) 的类型为 \(kind.rawValue)，此处应为 \(expected) (parameter of the wrong type)",
                    at: field.location, hint: "\(path) 只接受 / accepts: \(expected)")
                return nil
            }
            if let problem = check?(declaration) {
                fields.error(problem, at: field.location)
                return nil
            }
            references[path] = name
            guard let resolved = context.values[name], let value = convert(resolved.value) else { return nil }
            return Resolved(value: value, location: resolved.overrideLocation ?? field.location, parameter: name)
        }
    }

    /// Reads the override's parameter values with each parameter's type and range (check 13).
    func applyOverrideParameters(_ context: inout PluginContext) {
        guard let override = context.override else { return }
        let names = context.manifest.parameters.map(\.name.value)
        for (name, value) in override.parameters {
            guard let declaration = context.parameters[name.value] else {
                fields.error(
                    "插件 '\(context.pluginID)' 没有参数 '\(name.value)' (unknown parameter)", at: name.location,
                    hint: Diagnostic.suggestionHint(for: name.value, among: names, noun: "可覆盖的参数 / parameters"))
                continue
            }
            guard let kind = declaration.kind,
                let read = fields.parameterValue(
                    value, kind: kind, itemKind: declaration.itemKind, allowedValues: declaration.allowedValues,
                    minimum: declaration.minimum?.value, maximum: declaration.maximum?.value)
            else { continue }
            context.values[name.value] = PluginContext.ResolvedValue(value: read, overrideLocation: value.location)
        }
    }

    /// The public parameters with their effective values.
    func buildParameters(_ context: PluginContext) -> [Parameter] {
        context.manifest.parameters.compactMap { declaration in
            guard let kind = declaration.kind, let defaultValue = declaration.defaultValue?.value,
                let effective = context.values[declaration.name.value]
            else { return nil }
            return Parameter(
                name: declaration.name.value, kind: kind, itemKind: declaration.itemKind,
                title: declaration.title ?? "", description: declaration.description ?? "",
                defaultValue: defaultValue, value: effective.value,
                minimum: declaration.minimum?.value, maximum: declaration.maximum?.value,
                unit: declaration.unit, allowedValues: declaration.allowedValues,
                source: declaration.source?.reference, location: declaration.name.location,
                overrideLocation: effective.overrideLocation)
        }
    }
}
