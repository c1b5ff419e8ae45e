import DixianCore

extension PluginValidator {
    /// Builds the global role catalogue: prefixes, duplicates, household binding only at village level.
    mutating func checkRoles() {
        for manifest in manifests {
            for declaration in manifest.roles {
                let id = declaration.id.value
                if manifest.pluginID != "governance", !id.hasPrefix(manifest.pluginID + "_") {
                    fields.error(
                        "角色 '\(id)' 须以 '\(manifest.pluginID)_' 开头 (plugin roles must start with the plugin id)",
                        at: declaration.id.location,
                        hint: "只有 governance 声明不带前缀的核心角色 / only governance declares unprefixed roles")
                }
                if let existing = roles[id] {
                    fields.error(
                        "角色 '\(id)' 重复声明 (role declared twice)", at: declaration.id.location,
                        hint: "已由插件 '\(existing.pluginID)' 声明于 / already declared at \(existing.location)")
                    continue
                }
                if declaration.binding?.value == .household, declaration.level.value != .village {
                    fields.error(
                        "按户取人的角色必须在村级 (household-bound roles must be at village level)",
                        at: declaration.binding?.location ?? declaration.id.location)
                }
                roles[id] = Role(
                    id: id, name: declaration.name, level: declaration.level.value,
                    description: declaration.description, isPerSector: declaration.isPerSector,
                    isEveryUnit: declaration.isEveryUnit, binding: declaration.binding?.value ?? .unit,
                    pluginID: manifest.pluginID, location: declaration.id.location, title: declaration.title,
                    onBehalfOf: declaration.onBehalfOf?.value)
                roleOrder.append(id)
            }
        }
        checkOnBehalfOf()
    }

    /// `on_behalf_of` names another declared role.
    private func checkOnBehalfOf() {
        for manifest in manifests {
            for declaration in manifest.roles {
                guard let target = declaration.onBehalfOf else { continue }
                if roles[target.value] == nil {
                    fields.error(
                        "未知的角色 '\(target.value)' (unknown role)", at: target.location,
                        hint: Diagnostic.suggestionHint(for: target.value, among: roleOrder, noun: "已声明的角色 / declared roles"))
                } else if target.value == declaration.id.value {
                    fields.error("角色不能代自己提请 (a role cannot act on behalf of itself)", at: target.location)
                }
            }
        }
    }

    /// Checks a role used by a duty of `context` (as owner, escalation or `also_notify` role) and returns it.
    ///
    /// - Parameters:
    ///   - ownerLevel: for non-owner roles, the owner's level, which the role must be at or above.
    ///   - householdEvent: whether the duty is triggered by a household event (household-bound roles
    ///     need one).
    func checkRoleUse(
        _ reference: Located<String>,
        as use: String,
        in context: PluginContext,
        ownerLevel: Role.Level?,
        householdEvent: Bool
    ) -> Role? {
        guard let role = roles[reference.value] else {
            fields.error(
                "未知的角色 '\(reference.value)' (unknown role)", at: reference.location,
                hint: Diagnostic.suggestionHint(for: reference.value, among: roleOrder, noun: "已声明的角色 / declared roles")
            )
            return nil
        }
        if role.isPerSector, context.isGovernance {
            fields.error(
                "governance 插件不能使用按行业区分的角色 '\(role.id)' (per-sector role in governance)",
                at: reference.location, hint: "governance 不是行业 / governance is not a sector")
        }
        if let ownerLevel, role.level > ownerLevel {
            fields.error(
                "\(use)角色 '\(role.id)'（\(role.level.chineseName)级）低于责任人层级（\(ownerLevel.chineseName)级）"
                    + " (\(use == "督办" ? "escalation" : "also_notify") role below the owner's level)",
                at: reference.location, hint: "只能向同级或上级 / only the owner's level or above")
        }
        if role.binding == .household, !householdEvent {
            fields.error(
                "按户取人的角色 '\(role.id)' 只能用于监测户事件触发的任务 (household-bound role outside a household-event duty)",
                at: reference.location,
                hint:
                    "recurrence 须为 after_event: household_included / help_plan_made / measures_in_place / risk_eliminated"
            )
        }
        return role
    }
}
