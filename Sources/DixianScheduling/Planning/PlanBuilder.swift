import DixianCore
import DixianDirectory
import DixianPlugins
import Foundation

/// Accumulates a plan: crosses each duty's slots with its units and recipients, and counts what could not be
/// resolved so the warnings come out summarised (one per role, one per duty) instead of one per unit.
struct PlanBuilder {
    /// A recipient and the role through which they receive a message.
    struct Recipient: Hashable {
        var officialID: String
        var roleID: String
    }

    /// Who receives what for one occurrence unit (and holder).
    struct Audience {
        var officialID: String?
        var isUnassigned: Bool
        var reminders: [Recipient]
        var escalations: [[Recipient]]
    }

    let planner: SchedulePlanner
    private var occurrences: [(key: String, value: PlannedOccurrence)] = []
    private var notifications: [(key: String, value: PlannedNotification)] = []
    /// Role id (with sector) → units of the role's level where nobody holds it.
    private var vacancies: [String: Set<DivisionCode>] = [:]
    /// Duty → number of unassigned occurrence units, and whether anybody got the reminders instead.
    private var unassigned: [String: (units: Int, fallback: Bool)] = [:]
    private var unknownRoles: Set<String> = []
    /// (duty, official) → the channels that could not reach the official.
    private var unreachable: [UnreachableKey: [ChannelName]] = [:]

    private struct UnreachableKey: Hashable {
        var dutyID: String
        var officialID: String
    }

    init(planner: SchedulePlanner) {
        self.planner = planner
    }

    /// Adds one calendar duty's occurrences at every unit its owner role asks for.
    /// Plans `duty`'s `slots` at each of `units` (all held by `owner`'s role).
    mutating func add<Units: Sequence<DivisionCode>>(duty: Duty, owner: Role, slots: [DutySlot], units: Units) {
        for unit in units {
            for audience in audiences(for: duty, owner: owner, at: unit, helpers: nil) {
                for slot in slots { add(duty: duty, slot: slot, unit: unit, audience: audience) }
            }
        }
    }

    /// The audiences of a duty at a unit: one for `per: unit`, one per holder for `per: official` (one
    /// unassigned audience when there is no holder). `helpers` are a household's helpers for household-bound
    /// roles (event duties only).
    mutating func audiences(for duty: Duty, owner: Role, at unit: DivisionCode, helpers: [String]?) -> [Audience] {
        let holders = resolve(owner, at: unit, duty: duty, helpers: helpers)
        let also = duty.alsoNotify.compactMap { role($0) }.flatMap { role in
            resolve(role, at: unit, duty: duty, helpers: helpers).map { Recipient(officialID: $0, roleID: role.id) }
        }
        let escalations = duty.escalation.map { step in
            step.roles.compactMap { role($0) }.flatMap { role in
                resolve(role, at: unit, duty: duty, helpers: helpers).map { Recipient(officialID: $0, roleID: role.id) }
            }.uniquedByOfficial()
        }
        func audience(_ officialID: String?, _ owners: [String]) -> Audience {
            let first = owners.isEmpty ? (escalations.first ?? []) : owners.map { Recipient(officialID: $0, roleID: owner.id) }
            return Audience(
                officialID: officialID, isUnassigned: owners.isEmpty, reminders: (first + also).uniquedByOfficial(),
                escalations: escalations)
        }
        if holders.isEmpty {
            unassigned[duty.qualifiedID, default: (0, false)].units += 1
            if !(escalations.first ?? []).isEmpty { unassigned[duty.qualifiedID]?.fallback = true }
        }
        guard duty.owner.per == .official, !holders.isEmpty else { return [audience(nil, holders)] }
        return holders.map { audience($0, [$0]) }
    }

    /// Adds one occurrence and its messages.
    mutating func add(duty: Duty, slot: DutySlot, unit: DivisionCode, audience: Audience) {
        let occurrence = PlannedOccurrence(
            dutyID: duty.qualifiedID, unitCode: unit, officialID: audience.officialID, periodKey: PeriodKey(rawValue: slot.period.key),
            periodLabel: slot.period.label, nominalDueDate: slot.period.nominalDueDate, dueDate: slot.dueDate,
            dueAt: slot.dueAt, opensAt: slot.opensAt, isUnassigned: audience.isUnassigned)
        let occurrenceKey = occurrence.key
        occurrences.append((occurrenceKey, occurrence))
        for step in slot.reminders {
            send(step, to: audience.reminders, occurrenceKey: occurrenceKey, duty: duty)
        }
        for step in slot.escalations where step.index < audience.escalations.count {
            send(step, to: audience.escalations[step.index], occurrenceKey: occurrenceKey, duty: duty)
        }
    }

    private mutating func send(_ step: DutySlot.Step, to recipients: [Recipient], occurrenceKey: String, duty: Duty) {
        let stepID = step.id
        for recipient in recipients {
            for channel in channels(reaching: recipient.officialID, for: duty) {
                let notification = PlannedNotification(
                    occurrenceKey: occurrenceKey, step: stepID, kind: step.kind, sendAt: step.sendAt,
                    recipientID: recipient.officialID, roleID: recipient.roleID, channel: channel)
                notifications.append((notification.key, notification))
            }
        }
    }

    /// The duty's channels that can reach the official; when none can, its fallback channels that can;
    /// when none of those either, nothing, and the official is recorded as unreachable for the duty.
    private mutating func channels(reaching officialID: String, for duty: Duty) -> [ChannelName] {
        let (reach, directory) = (planner.context.channelReach, planner.directory)
        let reaches = { (channel: ChannelName) in
            reach[channel].map { directory.canReach(officialID, needing: $0) } ?? true
        }
        let preferred = duty.channels.map(ChannelName.init(rawValue:))
        let usable = preferred.filter(reaches)
        if !usable.isEmpty { return usable }
        let fallbacks = duty.fallbackChannels.map(ChannelName.init(rawValue:)).filter(reaches)
        if !fallbacks.isEmpty { return fallbacks }
        let key = UnreachableKey(dutyID: duty.qualifiedID, officialID: officialID)
        if unreachable[key] == nil {
            unreachable[key] = preferred + duty.fallbackChannels.map(ChannelName.init(rawValue:))
        }
        return []
    }

    /// The holders of `role` for an occurrence at `unit`, noting a vacancy.
    mutating func resolve(_ role: Role, at unit: DivisionCode, duty: Duty, helpers: [String]?) -> [String] {
        if role.binding == .household { return helpers ?? [] }
        let holders = planner.directory.resolve(role, from: unit, sector: duty.pluginID)
        if holders.isEmpty, let target = unit.ancestor(at: OrgLevel(role.level)) {
            vacancies[role.isPerSector ? "\(role.id)\u{0}\(duty.pluginID)" : role.id, default: []].insert(target)
        }
        return holders
    }

    mutating func role(_ id: String) -> Role? {
        guard let role = planner.rolesByID[id] else {
            unknownRoles.insert(id)
            return nil
        }
        return role
    }

    /// The sorted plan with its warnings.
    /// Hands over what was planned since the last call, sorted as a plan is, and forgets it; what the
    /// warnings need stays.
    mutating func takePlanned() -> (occurrences: [PlannedOccurrence], notifications: [PlannedNotification]) {
        defer {
            occurrences.removeAll(keepingCapacity: true)
            notifications.removeAll(keepingCapacity: true)
        }
        return (
            occurrences.sorted { ($0.value.dueAt, $0.key) < ($1.value.dueAt, $1.key) }.map(\.value),
            notifications.sorted { ($0.value.sendAt, $0.key) < ($1.value.sendAt, $1.key) }.map(\.value)
        )
    }

    mutating func finish() -> SchedulePlan {
        let (occurrences, notifications) = takePlanned()
        let unreachable = unreachable.map { UnreachableRecipient(dutyID: $0.key.dutyID, officialID: $0.key.officialID, channels: $0.value) }
        return SchedulePlan(
            occurrences: occurrences, notifications: notifications, warnings: warnings(), unreachable: unreachable.sorted())
    }

    private func warnings() -> [String] {
        var result: [String] = []
        for (key, units) in vacancies.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "\u{0}").map(String.init)
            let role = planner.rolesByID[parts[0]]
            let sector = parts.count > 1 ? "（\(parts[1]) 行业）" : ""
            let names = units.sorted().prefix(3).map { planner.directory.name(of: $0) ?? $0.rawValue }
            let more = units.count > 3 ? "等" : ""
            result.append(
                "角色「\(role?.name ?? parts[0])」(\(parts[0]))\(sector)在 \(units.count) 个单位无人担任：\(names.joined(separator: "、"))\(more)")
        }
        for (duty, count) in unassigned.sorted(by: { $0.key < $1.key }) {
            let fallback = count.fallback ? "提醒改发督办第一级" : "且无督办阶梯可接替，提醒无人接收"
            result.append("任务 \(duty) 有 \(count.units) 个单位（或人员）无责任人，\(fallback)")
        }
        let unreachableByDuty = Dictionary(grouping: unreachable.keys, by: \.dutyID)
        for (duty, keys) in unreachableByDuty.sorted(by: { $0.key < $1.key }) {
            let names = keys.map(\.officialID).sorted().prefix(3)
            result.append(
                "任务 \(duty) 有 \(keys.count) 名接收人无法送达（如缺少邮箱地址），其提醒未排期：\(names.joined(separator: "、"))\(keys.count > 3 ? "等" : "")"
                    + "；可在插件或覆盖配置中设置 fallback_channels，或补全通讯录")
        }
        for id in unknownRoles.sorted() {
            result.append("未知角色 \(id)，相关提醒未排期")
        }
        return result
    }
}

extension Array where Element == PlanBuilder.Recipient {
    /// One entry per official (the first role wins), so a person who is both owner and `also_notify` gets
    /// one message per step and channel and keys stay unique.
    func uniquedByOfficial() -> [Element] {
        var seen: Set<String> = []
        return filter { seen.insert($0.officialID).inserted }
    }
}
