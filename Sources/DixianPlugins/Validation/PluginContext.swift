import DixianCore

/// What the checks of one plugin share: its manifest, its override, parameter values and what is used.
struct PluginContext {
    let manifest: PluginManifest
    let override: OverrideManifest?
    /// Parameter declarations by name.
    var parameters: [String: PluginManifest.ParameterDeclaration] = [:]
    /// Effective parameter values by name: the override's if set, else the default.
    var values: [String: ResolvedValue] = [:]
    /// Parameters referenced anywhere (for the unused-parameter warning).
    var usedParameters: Set<String> = []
    /// Templates referenced by duties (for the unused-template warning).
    var usedTemplates: Set<String> = []
    /// Rules whose condition type-checked, in file order.
    var rules: [ScreeningRule] = []
    /// Files listed in `sources`.
    var sourceFiles: Set<String> = []

    /// An effective parameter value and, when an override set it, where.
    struct ResolvedValue {
        var value: ParameterValue
        var overrideLocation: Diagnostic.Location?
    }

    init(manifest: PluginManifest, override: OverrideManifest?) {
        self.manifest = manifest
        self.override = override
        for parameter in manifest.parameters {
            parameters[parameter.name.value] = parameter
            if let value = parameter.defaultValue?.value {
                values[parameter.name.value] = ResolvedValue(value: value, overrideLocation: nil)
            }
        }
        sourceFiles = Set(manifest.sources.map(\.file.value))
    }

    var pluginID: String { manifest.pluginID }

    var isGovernance: Bool { pluginID == "governance" }
}
