import DixianCore
import DixianDirectory
import DixianPlugins

/// The org directory arranged for role resolution (取人, plugins/README.md §4): built once from the units
/// and the **active** officials, then asked millions of times while planning.
///
/// Pure and `Sendable`; the store loads the rows, the planner never touches the database.
public struct DirectoryIndex: Sendable {
    /// One holder of a role at a unit.
    public struct Holder: Sendable, Hashable {
        /// The official's id (工号).
        public var officialID: String
        /// The sector recorded with the row (per-sector roles), if any.
        public var sector: String?
    }

    private struct UnitRole: Hashable {
        var unit: DivisionCode
        var role: String
    }

    private let holdersByUnitRole: [UnitRole: [Holder]]
    private let unitsByLevel: [OrgLevel: [DivisionCode]]
    private let names: [DivisionCode: String]
    /// Units that count as urban (城镇, a 1xx 城乡分类代码); every other unit counts as rural.
    private let urban: Set<DivisionCode>
    /// 脱贫村.
    private let povertyExited: Set<DivisionCode>
    /// Active officials with an email address.
    private let emailable: Set<String>

    /// Indexes `units` and the active `officials` (inactive ones, 不在岗, receive nothing).
    public init(units: [OrgUnit], officials: [Official]) {
        var byLevel: [OrgLevel: [DivisionCode]] = [:]
        var names: [DivisionCode: String] = [:]
        var urban: Set<DivisionCode> = []
        var povertyExited: Set<DivisionCode> = []
        for unit in units where names[unit.code] == nil {
            byLevel[unit.level, default: []].append(unit.code)
            names[unit.code] = unit.name
            if !unit.isRural { urban.insert(unit.code) }
            if unit.isPovertyExited { povertyExited.insert(unit.code) }
        }
        self.urban = urban
        self.povertyExited = povertyExited
        var holders: [UnitRole: [Holder]] = [:]
        for official in officials where official.active {
            for role in official.roles {
                holders[UnitRole(unit: official.orgUnitCode, role: role), default: []]
                    .append(Holder(officialID: official.id, sector: official.sector))
            }
        }
        self.emailable = Set(officials.filter { $0.active && !($0.email ?? "").isEmpty }.map(\.id))
        self.unitsByLevel = byLevel.mapValues { $0.sorted() }
        self.names = names
        // Sorted, so plans are deterministic whatever order the rows came in.
        self.holdersByUnitRole = holders.mapValues { $0.sorted { $0.officialID < $1.officialID } }
    }

    /// Whether a channel that needs `reach` can deliver to the official.
    public func canReach(_ officialID: String, needing reach: ChannelReach) -> Bool {
        switch reach {
        case .emailAddress: emailable.contains(officialID)
        case .group: true
        }
    }

    /// Every unit of `level`, by code.
    public func units(at level: OrgLevel) -> [DivisionCode] {
        unitsByLevel[level] ?? []
    }

    /// The unit's name, e.g. `李家沟村`.
    public func name(of unit: DivisionCode) -> String? {
        names[unit]
    }

    /// Whether `unit` is one of those `scope` admits: any unit for `all`, one without an urban 城乡分类代码 for
    /// `rural`, a 脱贫村 for `poverty_exited`.
    public func admits(_ unit: DivisionCode, _ scope: Duty.UnitScope) -> Bool {
        switch scope {
        case .all: true
        case .rural: !urban.contains(unit)
        case .povertyExited: povertyExited.contains(unit)
        }
    }

    /// The ids of the officials holding `roleID` at exactly `unit`; with a `sector`, only those recorded for it.
    public func holders(of roleID: String, at unit: DivisionCode, sector: String? = nil) -> [String] {
        let all = holdersByUnitRole[UnitRole(unit: unit, role: roleID)] ?? []
        guard let sector else { return all.map(\.officialID) }
        return all.filter { $0.sector == sector }.map(\.officialID)
    }

    /// Every active holder of `role` at every unit of its level, each once, in directory order: for a per-sector
    /// role, those of each of `sectors` (plugin ids). Who is told of things that belong to no one unit (dead
    /// letters, the weekly bulletin).
    public func holdersEverywhere(of role: Role, sectors: [String]) -> [String] {
        var seen: Set<String> = []
        var holders: [String] = []
        for unit in units(at: OrgLevel(role.level)) {
            for sector in role.isPerSector ? sectors : [""] {
                for id in resolve(role, from: unit, sector: sector) where seen.insert(id).inserted { holders.append(id) }
            }
        }
        return holders
    }

    /// Resolves `role` for an occurrence at `unit` (plugins/README.md §4): the holders at the nearest unit of
    /// the role's level walking up from `unit` (itself first); for a per-sector role only those whose sector is
    /// `sector` (the duty's plugin id). Empty when nobody holds it there, when the role's level is below
    /// `unit`, or for household-bound roles (the household's helpers are the caller's business).
    public func resolve(_ role: Role, from unit: DivisionCode, sector: String) -> [String] {
        guard role.binding == .unit, let target = unit.ancestor(at: OrgLevel(role.level)) else { return [] }
        return holders(of: role.id, at: target, sector: role.isPerSector ? sector : nil)
    }

    /// The units an occurrence of a duty owned by `role` belongs to (plugins/README.md §6): every unit of
    /// the role's level for `every_unit` roles, else the units of that level where someone holds it; of
    /// those, only the ones the duty's `units` scope admits.
    public func occurrenceUnits(for role: Role, sector: String, scope: Duty.UnitScope = .all) -> [DivisionCode] {
        let units = units(at: OrgLevel(role.level)).filter { admits($0, scope) }
        if role.isEveryUnit { return units }
        return units.filter { !holders(of: role.id, at: $0, sector: role.isPerSector ? sector : nil).isEmpty }
    }
}

extension OrgLevel {
    /// The directory level of a plugin role's level (the same five ids).
    public init(_ level: Role.Level) {
        switch level {
        case .province: self = .province
        case .city: self = .city
        case .county: self = .county
        case .town: self = .town
        case .village: self = .village
        }
    }
}
