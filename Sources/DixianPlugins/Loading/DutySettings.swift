import DixianCore

/// The keys of a duty that `defaults` and bureau overrides may also set, each with where it is written.
///
/// Precedence per key (plugins/README.md §6): override of the duty → override of the plugin (`channels`
/// only) → the duty → the plugin's `defaults` → built-in default. Each key is replaced as a whole.
struct DutySettings {
    var dueTime: Located<TimeOfDay>?
    var dueOnRestDay: Located<Duty.RestDayRule>?
    var notifyOnRestDay: Located<Duty.NotificationRule>?
    /// One more reminder at the occurrence's opening (`notify_on_open`); also in bureau overrides.
    var notifyOnOpen: Located<Bool>?
    var opens: Located<OccurrenceOpening>?
    var reminders: Located<[Located<ScheduleOffset>]>?
    var escalation: Located<[EscalationStepDeclaration]>?
    var channels: Located<[Located<String>]>?
    /// Channels used for a recipient none of `channels` can reach (no email address, say).
    var fallbackChannels: Located<[Located<String>]>?
    var templates: TemplateChoiceDeclaration?
    /// Which units the duty's occurrences are at; a duty or its override, never `defaults`.
    var units: Located<Duty.UnitScope>?
    /// Overrides only.
    var alsoNotify: Located<[Located<String>]>?
    /// Overrides only.
    var enabled: Located<Bool>?
    /// Overrides only: the county's document for this duty (依据).
    var basis: Located<DocumentBasis>?

    /// Each key from `self` if set, else from `fallback`.
    func overlaying(_ fallback: DutySettings) -> DutySettings {
        DutySettings(
            dueTime: dueTime ?? fallback.dueTime,
            dueOnRestDay: dueOnRestDay ?? fallback.dueOnRestDay,
            notifyOnRestDay: notifyOnRestDay ?? fallback.notifyOnRestDay,
            notifyOnOpen: notifyOnOpen ?? fallback.notifyOnOpen,
            opens: opens ?? fallback.opens,
            reminders: reminders ?? fallback.reminders,
            escalation: escalation ?? fallback.escalation,
            channels: channels ?? fallback.channels,
            fallbackChannels: fallbackChannels ?? fallback.fallbackChannels,
            templates: templates ?? fallback.templates,
            units: units ?? fallback.units,
            alsoNotify: alsoNotify ?? fallback.alsoNotify,
            enabled: enabled ?? fallback.enabled,
            basis: basis ?? fallback.basis
        )
    }
}

struct EscalationStepDeclaration {
    var location: Diagnostic.Location
    var after: Located<ScheduleOffset>
    var roles: [Located<String>]
}

struct TemplateChoiceDeclaration {
    var location: Diagnostic.Location
    var reminder: Located<String>?
    var escalation: Located<String>?
}
