import DixianConsole
import DixianDirectory

/// Who configures a plugin's stored override (本部门配置), in the console and over the API: the county office any
/// plugin, a sector's bureau contact or head (`bureau_contact`, `bureau_head`) their own sector's; only the county
/// office decides. ``PluginOverrideStore`` checks the same again in the transaction that writes.
enum OverrideAccess {
    static let bureauRoles: Set<String> = ["bureau_contact", "bureau_head"]

    /// The directory row a person configures `pluginID` under: a county office row first, else a bureau row of
    /// that sector; nil when none of their rows may.
    static func writer(among officials: [Official], of pluginID: String) -> String? {
        decider(among: officials)
            ?? officials.first { $0.active && $0.sector == pluginID && !bureauRoles.isDisjoint(with: $0.roles) }?.id
    }

    /// The county office row an approval is recorded under; nil for anybody else.
    static func decider(among officials: [Official]) -> String? {
        officials.first { $0.active && $0.roles.contains(AccessScope.countyOfficeRole) }?.id
    }
}
