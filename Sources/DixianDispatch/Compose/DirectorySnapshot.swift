import DixianDirectory
import DixianPlugins
import DixianScheduling
import Foundation

/// The org directory as the composer needs it (组织目录快照): units and officials by key, and the
/// planner's own role resolution, so a message names the holders the planner addressed.
public struct DirectorySnapshot: Sendable {
    public private(set) var units: [DivisionCode: OrgUnit] = [:]
    public private(set) var officials: [String: Official] = [:]
    public let index: DirectoryIndex

    public init(units: [OrgUnit] = [], officials: [Official] = []) {
        for unit in units { self.units[unit.code] = unit }
        for official in officials { self.officials[official.id] = official }
        self.index = DirectoryIndex(units: units, officials: officials)
    }

    /// `XX县七家镇`-style full name: the county and the levels below it.
    public func fullName(of code: DivisionCode) -> String {
        var names: [String] = []
        var current: DivisionCode? = code
        while let unit = current.flatMap({ units[$0] }) {
            names.append(unit.name)
            if unit.level == .county { break }
            current = unit.parentCode
        }
        return names.reversed().joined()
    }

    /// How a message names `role`'s post at `unit` (`岚川县东关镇枣口村党组织书记`): per-sector roles by the
    /// holders' bureau, else by the plugin's first lead unit.
    public func postName(of role: Role, at unit: DivisionCode, holders: [Official], plugin: Plugin?) -> String {
        let bureau = holders.lazy.compactMap(\.bureau).first ?? plugin?.leadUnits.first
        return role.postName(
            unitFullName: fullName(of: unit), unitName: units[unit]?.name ?? "", bureau: bureau, sector: plugin?.name)
    }

    /// The active officials holding `role` for an occurrence of a `sector` duty at `unit`.
    public func holders(of role: Role, at unit: DivisionCode, sector: String) -> [Official] {
        index.resolve(role, from: unit, sector: sector).compactMap { officials[$0] }
    }
}
