import DixianCore
import DixianYAML

extension FieldReader {
    /// Which keys a settings mapping may have.
    enum SettingsScope {
        /// A plugin's `defaults`.
        case defaults
        /// A duty: the keys of `defaults` and `units`.
        case duty
        /// `duties.<id>` of a bureau override: `enabled`, `also_notify`, `basis`, `units`, `notify_on_open`
        /// and the recipients' keys (`reminders`, `escalation`, `channels`, `fallback_channels`).
        case overrideDuty
    }

    /// Reads the settings keys of `scope` from `reader` (the caller reads the other keys and finishes).
    func readSettings(_ reader: inout MappingReader, allowing scope: SettingsScope) -> DutySettings {
        var settings = DutySettings()
        if scope != .overrideDuty {
            settings.dueTime = time(reader.value("due_time"))
            settings.dueOnRestDay = oneOf(reader.value("due_on_rest_day"), Duty.RestDayRule.self)
            settings.notifyOnRestDay = oneOf(reader.value("notify_on_rest_day"), Duty.NotificationRule.self)
            settings.opens = opening(reader.value("opens"))
            settings.templates = templateChoice(reader.value("templates"))
        } else {
            settings.enabled = bool(reader.value("enabled"))
            settings.alsoNotify = identifierList(reader.value("also_notify"), what: "角色 id (role id)")
            settings.basis = documentBasis(reader.value("basis"))
        }
        if scope != .defaults {
            settings.units = oneOf(reader.value("units"), Duty.UnitScope.self)
        }
        settings.notifyOnOpen = bool(reader.value("notify_on_open"))
        settings.reminders = list(reader.value("reminders"), uniqueBy: { $0.description }) { offset($0) }
        settings.escalation = escalation(reader.value("escalation"))
        settings.channels = channels(reader.value("channels"))
        settings.fallbackChannels = channels(reader.value("fallback_channels"))
        return settings
    }

    /// `basis: {title, number?}`: the county's document a duty rests on.
    func documentBasis(_ value: YAMLValue?) -> Located<DocumentBasis>? {
        guard let value, var reader = value.mapping() else { return nil }
        defer { reader.finish() }
        let title = text(reader.value("title", required: true))
        let number = text(reader.value("number"))
        guard let title else { return nil }
        return Located(DocumentBasis(title: title.value, number: number?.value), at: value.location)
    }

    /// A list of at least one unique channel name.
    func channels(_ value: YAMLValue?) -> Located<[Located<String>]>? {
        identifierList(value, minimum: 1, what: "渠道名 (channel name)")
    }

    /// An escalation ladder: steps `{after, roles}`.
    func escalation(_ value: YAMLValue?) -> Located<[EscalationStepDeclaration]>? {
        let steps = list(value) { item -> Located<EscalationStepDeclaration>? in
            guard var reader = item.mapping() else { return nil }
            defer { reader.finish() }
            let after = offset(reader.value("after", required: true))
            let roles = identifierList(reader.value("roles", required: true), minimum: 1, what: "角色 id (role id)")
            guard let after, let roles else { return nil }
            return Located(
                EscalationStepDeclaration(location: item.location, after: after, roles: roles.value), at: item.location)
        }
        return steps.map { located in located.map { $0.map(\.value) } }
    }

    /// `templates: {reminder, escalation?}`.
    private func templateChoice(_ value: YAMLValue?) -> TemplateChoiceDeclaration? {
        guard let value, var reader = value.mapping() else { return nil }
        defer { reader.finish() }
        let templateID = { (value: YAMLValue?) in
            pattern(
                value, Patterns.isTemplateID, message: { "无效的模板 id '\($0)' (invalid template id)" },
                hint: "如 / e.g. duty-reminder")
        }
        return TemplateChoiceDeclaration(
            location: value.location,
            reminder: templateID(reader.value("reminder", required: true)),
            escalation: templateID(reader.value("escalation")))
    }
}
