import DixianCore

extension PluginValidator {
    /// Campaign ids are unique across the whole set: a ledger names its campaign by id alone.
    func checkCampaignIDs() {
        var seen: [String: Diagnostic.Location] = [:]
        for declaration in manifests.flatMap(\.campaigns) {
            if let first = seen[declaration.id.value] {
                fields.error(
                    "重复的专项整改 id '\(declaration.id.value)' (duplicate campaign id)", at: declaration.id.location,
                    hint: "首次出现在 / first at \(first.file):\(first.line):\(first.column)")
            }
            seen[declaration.id.value] = seen[declaration.id.value] ?? declaration.id.location
        }
    }

    /// Campaigns (check 12): dates resolved through `$date` parameters, in phase order
    /// (start ≤ mobilise_by ≤ rectify_by ≤ acceptance_until), sources listed.
    func checkCampaigns(_ context: inout PluginContext) -> [Campaign] {
        var result: [Campaign] = []
        for declaration in context.manifest.campaigns {
            if let source = declaration.source { checkSource(source, in: context) }
            if let campaign = resolveCampaign(declaration, in: &context) { result.append(campaign) }
        }
        return result
    }

    private func resolveCampaign(_ declaration: PluginManifest.CampaignDeclaration, in context: inout PluginContext) -> Campaign? {
        var references: [String: String] = [:]
        func date(_ field: Located<ParameterOr<CalendarDate>>?, _ key: String) -> Resolved<CalendarDate>?? {
            guard let field else { return .some(nil) }
            return resolve(
                field, path: "campaigns.\(key)", kinds: [.date], in: &context, references: &references,
                convert: { if case .date(let date) = $0 { date } else { nil } }
            ).map { .some($0) }
        }
        guard let start = date(declaration.start, "start") ?? nil, let mobilise = date(declaration.mobiliseBy, "mobilise_by"),
            let rectify = date(declaration.rectifyBy, "rectify_by") ?? nil, let acceptance = date(declaration.acceptanceUntil, "acceptance_until")
        else { return nil }
        let phases = [("start", Optional(start)), ("mobilise_by", mobilise), ("rectify_by", Optional(rectify)), ("acceptance_until", acceptance)]
            .compactMap { key, value in value.map { (key, $0) } }
        for (earlier, later) in zip(phases, phases.dropFirst()) where later.1.value < earlier.1.value {
            fields.error(
                "专项整改 '\(declaration.id.value)' 的 \(later.0)（\(later.1.value)）早于 \(earlier.0)（\(earlier.1.value)）(phases out of order)",
                at: later.1.location, hint: later.1.hint ?? "阶段顺序 / order: start ≤ mobilise_by ≤ rectify_by ≤ acceptance_until")
            return nil
        }
        return Campaign(
            id: declaration.id.value, title: declaration.title, subject: declaration.subject,
            year: declaration.year?.value ?? start.value.year, start: start.value, mobiliseBy: mobilise?.value,
            rectifyBy: rectify.value, acceptanceUntil: acceptance?.value, pluginID: context.pluginID,
            source: declaration.source?.reference)
    }
}
