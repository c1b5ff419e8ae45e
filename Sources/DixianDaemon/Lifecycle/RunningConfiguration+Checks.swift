import DixianCore
import DixianPlugins

extension LoadedConfiguration {
    /// The checks that need the plugins: `notify.dead_letter_role` must name a role they declare, else dead
    /// letters would tell nobody. Each problem is at the key's file:line:column (the file alone for a default).
    public func problems(with plugins: PluginSet) -> [Diagnostic] {
        let notify = self.configuration.notify
        let declared = plugins.roles.map(\.id)
        guard !declared.contains(notify.deadLetterRole) else { return [] }
        let location = notify.deadLetterRoleWrittenAt.location ?? Diagnostic.Location(file: self.sourceDescription)
        return [
            Diagnostic(
                at: location,
                message: "死信通知角色 '\(notify.deadLetterRole)' 未在插件中声明, 死信将无人知晓"
                    + " (notify.dead_letter_role names no declared role: dead letters would tell nobody)",
                hint: Diagnostic.suggestionHint(for: notify.deadLetterRole, among: declared, noun: "已声明的角色 / declared roles")),
        ]
    }
}
