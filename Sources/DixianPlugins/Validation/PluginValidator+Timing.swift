import DixianCore

extension PluginValidator {
    /// A duty's effective due time, reminders and escalation ladder.
    struct Timing {
        var dueTime: TimeOfDay
        var reminders: [ScheduleOffset]
        var escalation: [EscalationStep]
    }

    /// Checks reminders against `opens` (warning) and the escalation ladder (check 9 and the role checks
    /// of check 4), and warns about a missing ladder or one that never reaches the county office.
    func checkTiming(
        _ settings: DutySettings,
        owner: Role?,
        householdEvent: Bool,
        in context: PluginContext,
        declaration: PluginManifest.DutyDeclaration
    ) -> Timing {
        let dueTime = settings.dueTime?.value ?? Self.builtInDueTime
        let dutyLocation = declaration.id?.location ?? declaration.location
        let reminders = settings.reminders?.value ?? Self.builtInReminders.map { Located($0, at: dutyLocation) }
        if case .before(let amount, let unit)? = settings.opens?.value {
            for reminder in reminders where reminder.value.unit == unit && reminder.value.amount < -amount {
                fields.diagnostics.warning(
                    "提醒 \(reminder.value) 早于开放时间 -\(amount)\(unit.rawValue)，不会发送 (reminder before opens will never be sent)",
                    at: reminder.location)
            }
        }

        let ladder = settings.escalation?.value ?? []
        var previous: (amount: Int, time: TimeOfDay)?
        var steps: [EscalationStep] = []
        for step in ladder {
            let after = step.after.value
            if let first = ladder.first?.after.value, after.unit != first.unit {
                fields.error(
                    "督办各级须使用同一单位 d 或 wd (escalation steps must all use the same unit)",
                    at: step.after.location, hint: "第一级使用 / the first step uses \(first.unit.rawValue)")
            }
            if after.amount < 0 || (after.amount == 0 && after.time <= dueTime) {
                fields.error(
                    "督办时间 \(after) 不晚于截止时刻 \(dueTime) (escalation step not after the due time)",
                    at: step.after.location, hint: "如 / e.g. \"+1d@09:00\"")
            } else if let previous,
                (after.amount, after.time.minutesSinceMidnight)
                    <= (previous.amount, previous.time.minutesSinceMidnight)
            {
                fields.error(
                    "督办各级时间须严格递增 (escalation steps must be strictly increasing)", at: step.after.location)
            }
            previous = (after.amount, after.time)
            let roles = step.roles.compactMap {
                checkRoleUse($0, as: "督办", in: context, ownerLevel: owner?.level, householdEvent: householdEvent)?.id
            }
            steps.append(EscalationStep(after: after, roles: roles))
        }

        if ladder.isEmpty {
            fields.diagnostics.warning("任务没有督办阶梯 (duty without an escalation ladder)", at: dutyLocation)
        } else if let owner, owner.level <= .county {
            let reachesOffice = ladder.flatMap(\.roles).contains { reference in
                reference.value == "county_office" || reference.value == "county_leader_in_charge"
                    || (roles[reference.value].map { $0.level < .county } ?? true)
            }
            if !reachesOffice {
                fields.diagnostics.warning(
                    "县级任务的督办阶梯未到达 county_office (county-level ladder does not reach county_office)",
                    at: settings.escalation?.location ?? dutyLocation)
            }
        }
        return Timing(dueTime: dueTime, reminders: reminders.map(\.value), escalation: steps)
    }
}
