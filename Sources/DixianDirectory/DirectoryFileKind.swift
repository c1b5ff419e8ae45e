/// Which of the two directory files a CSV is.
public enum DirectoryFileKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Org units: 单位代码, 名称, and optionally 层级, 城乡分类代码, 脱贫村 (see ``DirectoryColumn/units``).
    case units
    /// Officials: 工号, 姓名, 角色, 单位代码, … (see ``DirectoryColumn/officials``).
    case officials

    /// The columns a file of this kind may have.
    public var columns: [DirectoryColumn] {
        switch self {
        case .units: DirectoryColumn.units
        case .officials: DirectoryColumn.officials
        }
    }

    /// Header names accepted and ignored (a spreadsheet's running number, remarks, …).
    var ignoredHeaders: Set<String> {
        switch self {
        case .units: ["序号", "备注", "说明"]
        case .officials: ["序号", "备注", "单位名称", "职务", "说明"]
        }
    }

    /// Guesses the kind from a header row: a name column of people (姓名 / 工号) means officials.
    public static func detect(header: [String]) -> DirectoryFileKind {
        let keys = Set(header.map(DirectoryColumn.headerKey))
        // `name` alone is ambiguous (a unit's name too); a staff id or 姓名 is not.
        let markers = Set(DirectoryColumn.officials.filter { $0.field == "id" }.flatMap(\.aliases) + ["姓名"])
        return keys.isDisjoint(with: markers) ? .units : .officials
    }

    /// 中文名称: 单位 / 干部.
    public var chineseName: String {
        switch self {
        case .units: "单位"
        case .officials: "干部"
        }
    }
}
