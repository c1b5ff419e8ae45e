import DixianCore
import DixianDirectory
import DixianLinks
import DixianNotify
import DixianPlugins
import DixianScheduling
import Foundation

extension NotificationComposer {
    /// Reminders and escalations: one message through the duty's own template, or several as a digest.
    ///
    /// A chat group gets one line per occurrence and step even when the rows were addressed to several
    /// of its members; the members are @-mentioned instead.
    func renderReminders(
        _ group: OutboxGroup, carriesEmail: Bool, occurrences: Occurrences, snapshot: DirectorySnapshot, now: Date
    ) throws -> RenderedContent {
        var items: [(facts: ReminderFacts, duty: Duty?)] = []
        var seen: Set<String> = []
        for message in group.messages {
            guard let (occurrence, event) = message.occurrenceID.flatMap({ occurrences[$0] }) else { continue }
            let addressee = carriesEmail ? message.recipientID ?? "" : "*"
            guard seen.insert("\(occurrence.id)/\(message.step ?? "")/\(addressee)").inserted else { continue }
            items.append(facts(for: message, occurrence: occurrence, event: event, carriesEmail: carriesEmail, snapshot: snapshot, now: now))
        }
        guard !items.isEmpty else {
            throw DeliveryFailure(.permanent, "提醒对应的任务已不存在 (the occurrence of this reminder no longer exists)")
        }
        if items.count == 1, let duty = items[0].duty {
            return try renderer.render(for: duty, facts: items[0].facts, parts: .sentBy(carriesEmail: carriesEmail))
        }
        return try DigestRenderer().render(items.map(\.facts))
    }

    /// What the templates may say about one row: the duty from the loaded plugins (a duty removed since
    /// the row was planned is shown by its id), the unit and people from the directory.
    func facts(
        for message: OutboxMessage, occurrence: OccurrenceRecord, event: OccurrenceEvent?, carriesEmail: Bool,
        snapshot: DirectorySnapshot, now: Date
    ) -> (facts: ReminderFacts, duty: Duty?) {
        let duty = plugins.duty(qualifiedID: occurrence.dutyID)
        let plugin = duty.flatMap { plugins.plugin(id: $0.pluginID) }
        let kind: ReminderFacts.Kind = message.kind == .escalation ? .escalation : .reminder
        let recipient = carriesEmail ? message.recipientID.flatMap { snapshot.officials[$0] } : nil
        var facts = ReminderFacts(
            kind: kind,
            plugin: plugin.map(ReminderFacts.PluginSummary.init) ?? .init(id: occurrence.dutyID, name: occurrence.dutyID),
            duty: duty.map(ReminderFacts.DutySummary.init) ?? .init(id: occurrence.dutyID, title: occurrence.dutyID, description: ""),
            source: duty.flatMap { duty in plugin.map { ReminderFacts.Source(duty.source, in: $0) } } ?? .init(file: "", title: ""),
            occurrence: Self.occurrenceFacts(occurrence, duty: duty, timeZone: timeZone),
            unit: Self.unitFacts(occurrence, snapshot: snapshot),
            recipient: recipient.map {
                ReminderFacts.Recipient(name: $0.name, roleName: message.roleID.flatMap { plugins.role(id: $0)?.name } ?? "")
            },
            owner: Self.ownerFacts(occurrence, duty: duty, plugin: plugin, plugins: plugins, snapshot: snapshot),
            quantity: duty.flatMap { duty in duty.quantity.flatMap { quantity in plugin.map { ReminderFacts.Quantity(quantity, in: $0) } } },
            evidence: duty?.evidence ?? [],
            escalation: kind == .escalation ? Self.escalationFacts(message, duty: duty, plugins: plugins) : nil,
            event: event.map { ReminderFacts.Event(name: $0.event.chineseName, date: $0.eventAt.localDate(in: timeZone)) },
            caseNumber: event?.caseNumber,
            household: event?.householdHead.map { ReminderFacts.Household(name: $0.name, idNumber: $0.residentID) },
            links: ReminderFacts.Links(confirm: confirmLink(for: message, occurrence: occurrence, emailTo: recipient, now: now)),
            office: office,
            parameters: plugin.map(renderer.parameterValues(of:)) ?? [:],
            today: now.localDate(in: timeZone))
        facts.basis = duty?.basis
        return (facts, duty)
    }

    /// The signed one-click confirmation link, for email only: the link is a credential of its recipient.
    func confirmLink(for message: OutboxMessage, occurrence: OccurrenceRecord, emailTo recipient: Official?, now: Date) -> String? {
        guard let links, let recipient, message.kind.isPlanned else { return nil }
        return try? links.confirmURL(occurrenceID: occurrence.id, officialID: recipient.id, now: now)
    }

    static func occurrenceFacts(_ occurrence: OccurrenceRecord, duty: Duty?, timeZone: TimeZone) -> ReminderFacts.Occurrence {
        let dueTime = duty?.dueTime ?? occurrence.dueAt.localDateTime(in: timeZone).timeOfDay
        return ReminderFacts.Occurrence(
            periodLabel: occurrence.periodLabel, dueDate: occurrence.dueDate, dueTime: dueTime,
            opensDate: occurrence.opensAt.localDate(in: timeZone), dueAt: occurrence.dueAt)
    }

    static func unitFacts(_ occurrence: OccurrenceRecord, snapshot: DirectorySnapshot) -> ReminderFacts.Unit {
        let code = occurrence.unitCode
        guard let unit = snapshot.units[code] else {
            return ReminderFacts.Unit(name: occurrence.unitName, fullName: occurrence.unitName, code: code.rawValue, levelName: "")
        }
        return ReminderFacts.Unit(
            name: unit.name, fullName: snapshot.fullName(of: code), code: code.rawValue, levelName: unit.level.chineseName)
    }

    /// The owner role, its post at the occurrence's unit, and who holds it now: the occurrence's own
    /// official for per-official duties.
    static func ownerFacts(
        _ occurrence: OccurrenceRecord, duty: Duty?, plugin: Plugin?, plugins: PluginSet, snapshot: DirectorySnapshot
    ) -> ReminderFacts.Owner {
        guard let duty else { return ReminderFacts.Owner(roleName: "") }
        let role = plugins.role(id: duty.owner.role)
        let roleName = role?.name ?? duty.owner.role
        let holders: [Official]
        if let official = occurrence.officialID {
            holders = snapshot.officials[official].map { [$0] } ?? []
            guard !holders.isEmpty else { return ReminderFacts.Owner(roleName: roleName, holderNames: [official]) }
        } else if let role {
            holders = snapshot.holders(of: role, at: occurrence.unitCode, sector: duty.pluginID)
        } else {
            return ReminderFacts.Owner(roleName: roleName)
        }
        let title = role.map { snapshot.postName(of: $0, at: occurrence.unitCode, holders: holders, plugin: plugin) }
        return ReminderFacts.Owner(roleName: roleName, holderNames: holders.map(\.name), title: title)
    }

    /// `e<index>` (0-based, plugins/README.md §8) as the 1-based step of the duty's ladder, with the leader
    /// an office receives it for (提请).
    static func escalationFacts(_ message: OutboxMessage, duty: Duty?, plugins: PluginSet) -> ReminderFacts.Escalation? {
        guard let step = message.step, step.hasPrefix("e"), let index = Int(step.dropFirst()) else { return nil }
        let leader = message.roleID.flatMap { plugins.role(id: $0)?.onBehalfOf }.flatMap { plugins.role(id: $0)?.name }
        return ReminderFacts.Escalation(
            step: index + 1, isLast: index + 1 >= (duty?.escalation.count ?? index + 1), onBehalfOf: leader)
    }
}
