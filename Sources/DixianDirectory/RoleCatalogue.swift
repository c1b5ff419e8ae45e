import Foundation

/// The roles and sectors an import may use: those the loaded plugins declare.
///
/// The caller passes it in (the directory does not read plugins). With only role ids
/// (``init(ids:sectors:)``) the importer checks that every role is known; with full
/// ``DirectoryRole``s it also checks the level a role is held at and that per-sector roles
/// name their sector.
public struct RoleCatalogue: Sendable {
    /// The roles by id.
    public private(set) var roles: [String: DirectoryRole]
    /// Sector ids (plugin ids) a row may name; nil accepts any well-formed id.
    public var sectors: Set<String>?

    private var idsByName: [String: String]

    public init(roles: [DirectoryRole], sectors: Set<String>? = nil) {
        var byID: [String: DirectoryRole] = [:]
        var byName: [String: String] = [:]
        for role in roles {
            byID[role.id] = role
            if let name = role.name { byName[Self.nameKey(name)] = role.id }
        }
        self.roles = byID
        self.sectors = sectors
        self.idsByName = byName
    }

    /// A catalogue of bare role ids, as `knownRoles` gives them.
    public init(ids: Set<String>, sectors: Set<String>? = nil) {
        self.init(roles: ids.map { DirectoryRole(id: $0) }, sectors: sectors)
    }

    /// The role ids, sorted.
    public var ids: [String] { self.roles.keys.sorted() }

    /// The role a cell names, by id (`village_secretary`, case-insensitive) or by Chinese name
    /// (`村党组织书记`; ASCII and full-width parentheses are the same).
    public func role(named text: String) -> DirectoryRole? {
        let key = text.trimmingDirectorySpace()
        if let role = self.roles[key] ?? self.roles[key.lowercased()] { return role }
        return self.idsByName[Self.nameKey(key)].flatMap { self.roles[$0] }
    }

    /// The sector id a cell names: the plugin id (`education`) or a Chinese alias (`教育`, `义务教育`).
    /// Nil when the text names no known sector.
    public func sector(named text: String) -> String? {
        let key = text.trimmingDirectorySpace()
        let id = Self.sectorAliases[key] ?? key.lowercased()
        guard Self.isIdentifier(id) else { return nil }
        if let sectors = self.sectors, !sectors.contains(id) { return nil }
        return id
    }

    /// Chinese names of the shipped sectors (plugin ids, `plugins/*/plugin.yaml`).
    static let sectorAliases: [String: String] = [
        "综合": "governance", "巩固衔接": "governance", "乡村振兴": "governance",
        "教育": "education", "义务教育": "education", "教体": "education",
        "医疗": "health", "基本医疗": "health", "卫健": "health", "卫生健康": "health", "医保": "health",
        "住房": "housing", "住房安全": "housing", "住建": "housing",
        "饮水": "water", "饮水安全": "water", "水利": "water", "水务": "water",
        "就业": "employment", "人社": "employment",
        "信贷": "credit", "小额信贷": "credit", "金融": "credit",
    ]

    static func isIdentifier(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (2...32).contains(bytes.count), (0x61...0x7A).contains(bytes[0]) else { return false }
        return bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }

    private static func nameKey(_ name: String) -> String {
        name.trimmingDirectorySpace().replacingOccurrences(of: "(", with: "（").replacingOccurrences(of: ")", with: "）")
    }
}
