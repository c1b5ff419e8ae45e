import DixianCore
import DixianNotify
import DixianPlugins

extension ReminderFacts {
    /// The facts of a message about `duty` of `plugin`: the plugin, duty, source, quantity, evidence and
    /// parameter values come from the loaded plugin; the rest from the database and the configuration.
    public init(
        kind: Kind, plugin: Plugin, duty: Duty, occurrence: Occurrence, unit: Unit, recipient: Recipient? = nil,
        owner: Owner, escalation: Escalation? = nil, event: Event? = nil, caseNumber: String? = nil,
        household: Household? = nil, links: Links = Links(), office: Office, today: CalendarDate
    ) {
        self.init(
            kind: kind, plugin: PluginSummary(plugin), duty: DutySummary(duty), source: Source(duty.source, in: plugin),
            occurrence: occurrence, unit: unit, recipient: recipient, owner: owner,
            quantity: duty.quantity.map { Quantity($0, in: plugin) }, evidence: duty.evidence,
            escalation: escalation, event: event, caseNumber: caseNumber, household: household, links: links,
            office: office, parameters: Self.parameterValues(of: plugin), today: today)
        self.basis = duty.basis
    }

    /// `param.<name>` values: each parameter's effective value as messages show it.
    public static func parameterValues(of plugin: Plugin) -> [String: String] {
        Dictionary(uniqueKeysWithValues: plugin.parameters.map { ($0.name, $0.formattedValue) })
    }
}

extension ReminderFacts.PluginSummary {
    /// The id and name of `plugin`.
    public init(_ plugin: Plugin) {
        self.init(id: plugin.id, name: plugin.name)
    }
}

extension ReminderFacts.DutySummary {
    /// The id, title and description of `duty`.
    public init(_ duty: Duty) {
        self.init(id: duty.id, title: duty.title, description: duty.description)
    }
}

extension ReminderFacts.Source {
    /// `reference` with its file's title from `plugin`'s sources (the file name if it is not listed, which
    /// the loader prevents).
    public init(_ reference: SourceReference, in plugin: Plugin) {
        let title = plugin.sources.first { $0.file == reference.file }?.title ?? reference.file
        self.init(file: reference.file, title: title, section: reference.section, quote: reference.quote)
    }
}

extension ReminderFacts.Quantity {
    /// `quantity` with its target formatted by its parameter's type (a literal target as a plain number).
    public init(_ quantity: Duty.Quantity, in plugin: Plugin) {
        let parameter = quantity.targetParameter.flatMap(plugin.parameter(named:))
        let target = ParameterValue.decimal(quantity.target).formatted(as: parameter.map { $0.itemKind ?? $0.kind })
        self.init(measure: quantity.measure, target: target, unit: quantity.unit, comparison: quantity.comparison)
    }
}
