import DixianCore
import Foundation

extension PluginValidator {
    /// The built-in reminder offsets: `-3d@09:00`, `-1d@09:00`, `0d@09:00`.
    static let builtInReminders = [
        ScheduleOffset(amount: -3, unit: .days, time: TimeOfDay(hour: 9, minute: 0)),
        ScheduleOffset(amount: -1, unit: .days, time: TimeOfDay(hour: 9, minute: 0)),
        ScheduleOffset(amount: 0, unit: .days, time: TimeOfDay(hour: 9, minute: 0)),
    ]

    /// The built-in due time, 18:00.
    static let builtInDueTime = TimeOfDay(hour: 18, minute: 0)!

    /// Checks one duty with its effective settings (duty override → plugin override's channels → duty →
    /// defaults → built-in) and builds it; nil when it cannot be built (errors reported).
    func checkDuty(
        _ declaration: PluginManifest.DutyDeclaration,
        override: DutySettings?,
        pluginEnabled: Bool,
        in context: inout PluginContext
    ) -> Duty? {
        var references: [String: String] = [:]
        if let source = declaration.source {
            checkSource(source, in: context)
        }
        let pluginChannels = DutySettings(channels: context.override?.channels, fallbackChannels: context.override?.fallbackChannels)
        let settings = (override ?? DutySettings())
            .overlaying(pluginChannels)
            .overlaying(declaration.settings)
            .overlaying(context.manifest.defaults)
        // Resolve value fields first: they record which parameters are used even when a later check fails.
        let recurrence = declaration.recurrence.flatMap {
            resolveRecurrence($0, window: declaration.window, in: &context, references: &references)
        }
        let window = resolveWindow(declaration.window, in: &context, references: &references)
        let quantity = resolveQuantity(declaration.quantity, in: &context, references: &references)
        let event = recurrence?.eventTrigger?.event
        let householdEvent = event?.isHouseholdEvent ?? false

        let owner = declaration.ownerRole.flatMap {
            checkRoleUse($0, as: "责任人", in: context, ownerLevel: nil, householdEvent: true)
        }
        if let owner, let reference = declaration.ownerRole, owner.binding == .household, !householdEvent,
            recurrence != nil
        {
            fields.error(
                "按户取人的责任人角色 '\(owner.id)' 须用监测户事件触发 (household-bound owner needs an after_event on a household event)",
                at: reference.location,
                hint: "after_event.event: household_included / help_plan_made / measures_in_place / risk_eliminated")
        }
        if let scope = declaration.ownerScope, scope.value == .official, event != nil {
            fields.error("事件触发的任务不能按人 (per: official is not allowed with after_event)", at: scope.location)
        }

        let timing = checkTiming(
            settings, owner: owner, householdEvent: householdEvent, in: context, declaration: declaration)
        let channelNames = checkChannels(settings.channels, duty: declaration.id?.location ?? declaration.location)
        let fallbackNames = settings.fallbackChannels.map { checkChannels($0, duty: $0.location) } ?? []
        var templates: Duty.TemplateChoice?
        if let choice = settings.templates {
            templates = checkTemplateChoice(choice, hasLadder: !timing.escalation.isEmpty, in: &context)
        } else {
            fields.error(
                "任务没有 templates（任务和 defaults 中都没有）(no templates, neither in the duty nor in defaults)",
                at: declaration.id?.location ?? declaration.location,
                hint: "templates: {reminder: duty-reminder, escalation: duty-escalation}")
        }
        if let units = settings.units, units.value != .all, let owner, owner.level != .village {
            fields.error(
                "units: \(units.value.rawValue) 只适用于村级责任人的任务，而责任人 '\(owner.id)' 在\(owner.level.chineseName)级 "
                    + "(units narrows village-level duties only)",
                at: units.location,
                hint: "去掉 units，或改用村级角色 / remove units, or use a village-level owner role")
        }
        let alsoNotify = (settings.alsoNotify?.value ?? []).compactMap {
            checkRoleUse($0, as: "抄送", in: context, ownerLevel: owner?.level, householdEvent: householdEvent)?.id
        }

        guard let id = declaration.id?.value, let owner, let recurrence, let templates,
            declaration.window == nil || window != nil,
            declaration.quantity == nil || quantity != nil
        else { return nil }
        return Duty(
            id: id, pluginID: context.pluginID, title: declaration.title ?? "",
            description: declaration.description ?? "",
            source: declaration.source?.reference ?? SourceReference(file: ""),
            isEnabled: pluginEnabled && (settings.enabled?.value ?? declaration.enabled ?? true),
            owner: Duty.Owner(role: owner.id, per: declaration.ownerScope?.value ?? .unit),
            units: settings.units?.value ?? .all,
            recurrence: recurrence, window: window,
            dueTime: timing.dueTime,
            dueOnRestDay: settings.dueOnRestDay?.value ?? .previousWorkday,
            notifyOnRestDay: settings.notifyOnRestDay?.value ?? .shift,
            notifyOnOpen: settings.notifyOnOpen?.value ?? false,
            opens: settings.opens?.value ?? .periodStart,
            quantity: quantity, evidence: declaration.evidence,
            reminders: timing.reminders, escalation: timing.escalation,
            channels: channelNames, fallbackChannels: fallbackNames, templates: templates, alsoNotify: alsoNotify,
            parameterReferences: references, location: declaration.location,
            localSetting: declaration.localSetting, basis: settings.basis?.value ?? context.override?.basis?.value)
    }

    /// `window`: dates or `$date` parameters.
    private func resolveWindow(
        _ declaration: PluginManifest.WindowDeclaration?,
        in context: inout PluginContext,
        references: inout [String: String]
    ) -> Duty.Window? {
        guard let declaration else { return nil }
        func date(_ field: Located<ParameterOr<CalendarDate>>?, _ key: String) -> CalendarDate?? {
            guard let field else { return .some(nil) }
            return resolve(
                field, path: "window.\(key)", kinds: [.date], in: &context, references: &references,
                convert: { if case .date(let date) = $0 { date } else { nil } }
            ).map { .some($0.value) }
        }
        guard let from = date(declaration.from, "from"), let until = date(declaration.until, "until") else {
            return nil
        }
        return Duty.Window(from: from, until: until)
    }

    /// `quantity`: a `$parameter` target must be numeric, and a percent parameter ⇔ `unit: "%"`.
    private func resolveQuantity(
        _ declaration: PluginManifest.QuantityDeclaration?,
        in context: inout PluginContext,
        references: inout [String: String]
    ) -> Duty.Quantity? {
        guard let declaration else { return nil }
        guard
            let target = resolve(
                declaration.target, path: "quantity.target", kinds: [.integer, .money, .percent, .days],
                in: &context, references: &references, convert: \.number)
        else { return nil }
        let isPercentUnit = declaration.unit.value == "%"
        if let name = target.parameter {
            let isPercentParameter = context.parameters[name]?.kind == .percent
            if isPercentParameter != isPercentUnit {
                fields.error(
                    isPercentParameter
                        ? "目标为百分数参数时单位须为 \"%\" (a percent target needs unit \"%\")"
                        : "单位 \"%\" 只能用于百分数参数 (unit \"%\" needs a percent parameter)",
                    at: declaration.unit.location)
                return nil
            }
        } else if isPercentUnit, target.value > 100 {
            fields.error("百分数目标不能超过 100 (percent target above 100)", at: target.location)
            return nil
        }
        return Duty.Quantity(
            measure: declaration.measure, target: target.value, targetParameter: target.parameter,
            unit: declaration.unit.value, comparison: declaration.comparison)
    }

    /// Channel names must exist in the daemon configuration (check 10).
    private func checkChannels(_ channels: Located<[Located<String>]>?, duty: Diagnostic.Location) -> [String] {
        // Without any `channels` the built-in default `[email]` applies, which must exist too.
        let channels = channels ?? Located([Located("email", at: duty)], at: duty)
        for channel in channels.value where !self.channels.contains(channel.value) {
            fields.error(
                "未定义的渠道 '\(channel.value)' (channel not defined in the daemon configuration)",
                at: channel.location,
                hint: Diagnostic.suggestionHint(
                    for: channel.value, among: self.channels.sorted(), noun: "已配置的渠道 / configured channels"))
        }
        return channels.value.map(\.value)
    }

    /// Template ids must exist in the plugin; a ladder needs an escalation template.
    private func checkTemplateChoice(
        _ choice: TemplateChoiceDeclaration,
        hasLadder: Bool,
        in context: inout PluginContext
    ) -> Duty.TemplateChoice? {
        let known = context.manifest.templates.map(\.id.value)
        var valid = true
        for reference in [choice.reminder, choice.escalation].compactMap({ $0 }) {
            context.usedTemplates.insert(reference.value)
            if !known.contains(reference.value) {
                valid = false
                fields.error(
                    "未知的模板 '\(reference.value)' (unknown template)", at: reference.location,
                    hint: Diagnostic.suggestionHint(for: reference.value, among: known, noun: "本插件的模板 / templates"))
            }
        }
        if hasLadder, choice.escalation == nil {
            fields.error(
                "有督办阶梯但没有督办模板 (an escalation ladder needs an escalation template)", at: choice.location,
                hint: "templates: {reminder: …, escalation: …}")
            valid = false
        }
        guard valid, let reminder = choice.reminder else { return nil }
        return Duty.TemplateChoice(reminder: reminder.value, escalation: choice.escalation?.value)
    }
}
