import DixianCore

extension PluginValidator {
    /// Checks one plugin with its override and builds it.
    func check(_ context: inout PluginContext) -> Plugin? {
        let manifest = context.manifest
        var seenFiles: [String: Diagnostic.Location] = [:]
        for source in manifest.sources {
            if let first = seenFiles[source.file.value] {
                fields.error(
                    "sources 中重复的文件 '\(source.file.value)' (duplicate source file)", at: source.file.location,
                    hint: "首次出现在 / first at \(first.line):\(first.column)")
            }
            seenFiles[source.file.value] = source.file.location
        }
        for parameter in manifest.parameters {
            if let source = parameter.source { checkSource(source, in: context) }
        }
        applyOverrideParameters(&context)
        let templates = checkTemplates(&context)

        let override = context.override
        let pluginEnabled = override?.enabled?.value ?? true
        var duties: [Duty] = []
        var dutyIDs: [String: Diagnostic.Location] = [:]
        for declaration in manifest.duties {
            if let id = declaration.id {
                if let first = dutyIDs[id.value] {
                    fields.error(
                        "重复的任务 id '\(id.value)' (duplicate duty id)", at: id.location,
                        hint: "首次出现在 / first at \(first.line):\(first.column)")
                } else {
                    dutyIDs[id.value] = id.location
                }
            }
            let dutyOverride = override?.duties.first { $0.id.value == declaration.id?.value }?.settings
            if let duty = checkDuty(declaration, override: dutyOverride, pluginEnabled: pluginEnabled, in: &context) {
                duties.append(duty)
            }
        }
        for (id, _) in override?.duties ?? [] where dutyIDs[id.value] == nil {
            fields.error(
                "插件 '\(context.pluginID)' 没有任务 '\(id.value)' (unknown duty)", at: id.location,
                hint: Diagnostic.suggestionHint(
                    for: id.value, among: manifest.duties.compactMap(\.id?.value), noun: "任务 / duties"))
        }
        checkDatasetsAndRules(&context)
        let campaigns = checkCampaigns(&context)
        warnUnused(context)

        guard let name = manifest.name, let version = manifest.version, let description = manifest.description else {
            return nil
        }
        return Plugin(
            id: context.pluginID, name: name, version: version, leadUnits: manifest.leadUnits,
            cooperatingUnits: manifest.cooperatingUnits, description: description,
            sources: manifest.sources.map(\.document),
            roles: roleOrder.compactMap { roles[$0] }.filter { $0.pluginID == context.pluginID },
            parameters: buildParameters(context), duties: duties, templates: templates,
            datasets: manifest.datasets.map { declaration in
                var dataset = declaration.dataset
                dataset.location = declaration.id.location
                return dataset
            },
            rules: context.rules, campaigns: campaigns,
            isEnabled: pluginEnabled, file: manifest.file, contentHash: manifest.contentHash,
            overrideFile: override?.storedVersion == nil ? override?.file : nil, overrideHash: override?.contentHash,
            overrideVersion: override?.storedVersion)
    }

    /// A `source.file` must be listed in the plugin's `sources` (check 7).
    func checkSource(_ source: PluginManifest.SourceRef, in context: PluginContext) {
        guard !context.sourceFiles.contains(source.file.value) else { return }
        fields.error(
            "依据文件 '\(source.file.value)' 未在 sources 中列出 (source.file not listed in sources)",
            at: source.file.location,
            hint: Diagnostic.suggestionHint(
                for: source.file.value, among: context.manifest.sources.map(\.file.value), noun: "sources"))
    }

    /// Lints every template part (check 5) and builds the templates.
    private func checkTemplates(_ context: inout PluginContext) -> [MessageTemplate] {
        let parameterNames = Set(context.parameters.keys)
        var result: [MessageTemplate] = []
        for template in context.manifest.templates {
            var texts: [String: String] = [:]
            for part in template.parts {
                let lint = TemplateLint(text: part.text, part: part.name, parameters: parameterNames)
                for issue in lint.issues {
                    fields.error(
                        "模板 \(template.id.value).\(part.name)：\(issue.message)", at: part.locate(issue.offset),
                        hint: issue.hint)
                }
                for name in lint.usedNames where name.hasPrefix("param.") {
                    context.usedParameters.insert(String(name.dropFirst("param.".count)))
                }
                texts[part.name] = part.text
            }
            guard let subject = texts["subject"], let text = texts["text"], let chat = texts["chat"] else { continue }
            result.append(
                MessageTemplate(
                    id: template.id.value, description: template.description, subject: subject, text: text,
                    html: texts["html"], chat: chat, location: template.id.location))
        }
        return result
    }

    /// Datasets and rules (check 11): columns unique, key columns declared, rule ids unique, datasets known,
    /// `when` type-checked against its dataset and the parameters (docs/RULES.md), sources listed.
    private func checkDatasetsAndRules(_ context: inout PluginContext) {
        var datasetIDs: Set<String> = []
        for dataset in context.manifest.datasets {
            datasetIDs.insert(dataset.id.value)
            var names: Set<String> = []
            for name in dataset.columnNames where !names.insert(name.value).inserted {
                fields.error("数据集中重复的列名 '\(name.value)' (duplicate column)", at: name.location)
            }
            for key in dataset.key where !names.contains(key.value) {
                fields.error(
                    "键列 '\(key.value)' 未在 columns 中声明 (key column not declared)", at: key.location,
                    hint: Diagnostic.suggestionHint(
                        for: key.value, among: dataset.columnNames.map(\.value), noun: "列 / columns"))
            }
            if let source = dataset.source { checkSource(source, in: context) }
        }
        var ruleIDs: [String: Diagnostic.Location] = [:]
        for rule in context.manifest.rules {
            if let first = ruleIDs[rule.id.value] {
                fields.error(
                    "重复的规则 id '\(rule.id.value)' (duplicate rule id)", at: rule.id.location,
                    hint: "首次出现在 / first at \(first.line):\(first.column)")
            } else {
                ruleIDs[rule.id.value] = rule.id.location
            }
            if let source = rule.source { checkSource(source, in: context) }
            guard let dataset = context.manifest.datasets.first(where: { $0.id.value == rule.dataset.value }) else {
                fields.error(
                    "未知的数据集 '\(rule.dataset.value)' (unknown dataset)", at: rule.dataset.location,
                    hint: Diagnostic.suggestionHint(
                        for: rule.dataset.value, among: datasetIDs.sorted(), noun: "数据集 / datasets"))
                continue
            }
            if let checked = checkCondition(rule, over: dataset.dataset, &context) {
                var compiled = rule.rule
                compiled.compiledCondition = checked
                context.rules.append(compiled)
            }
        }
    }

    /// Parameters the core's monitoring procedure reads from the governance plugin by name (plugins/README.md §5),
    /// so no duty or rule needs to mention them.
    public static let procedureParameters: Set<String> = [
        "inclusion_approval_roles", "elimination_approval_roles", "inclusion_deadline_days", "timely_inclusion_days",
        "elimination_stable_days", "elimination_caution_age",
    ]

    /// Parameters the core's weekly bulletin (每周通报) reads from the governance plugin by name.
    public static let bulletinParameters: Set<String> = ["bulletin_weekday", "bulletin_hour", "bulletin_roles", "bulletin_channels"]

    /// Warnings: a parameter or template nothing uses.
    private func warnUnused(_ context: PluginContext) {
        let readByCore = context.manifest.id?.value == "governance" ? Self.procedureParameters.union(Self.bulletinParameters) : []
        for parameter in context.manifest.parameters
        where !context.usedParameters.contains(parameter.name.value) && !readByCore.contains(parameter.name.value) {
            fields.diagnostics.warning(
                "参数 '\(parameter.name.value)' 未被引用 (parameter not referenced)", at: parameter.name.location)
        }
        for template in context.manifest.templates where !context.usedTemplates.contains(template.id.value) {
            fields.diagnostics.warning(
                "模板 '\(template.id.value)' 未被任何任务使用 (template not used by any duty)", at: template.id.location)
        }
    }
}
