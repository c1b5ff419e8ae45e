/// Writes units and officials as the CSV files `dixian directory import` reads (UTF-8 with BOM, so
/// Excel opens them with the right encoding; CRLF).
public enum DirectoryCSV {
    /// The units file. A village's 脱贫村 cell is 是 or 否; other rows leave it empty unless flagged.
    public static func units(_ units: [OrgUnit]) -> String {
        let rows = units.map { unit in
            let atVillage = unit.level == .village
            return [
                unit.code.rawValue, unit.name, unit.level.chineseName, unit.urbanRural?.rawValue ?? "",
                unit.isPovertyExited ? "是" : (atVillage ? "否" : ""),
            ]
        }
        return "\u{FEFF}" + CSVWriter().write([["单位代码", "名称", "层级", "城乡分类代码", "脱贫村"]] + rows)
    }

    /// The officials file; `units` supply the unit names column.
    public static func officials(_ officials: [Official], units: [OrgUnit]) -> String {
        let names = Dictionary(units.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let header = ["工号", "姓名", "角色", "单位代码", "单位名称", "行业部门", "行业", "邮箱", "手机", "企业微信", "钉钉", "飞书", "在岗"]
        let rows = officials.map { official in
            [
                official.id, official.name, official.roles.joined(separator: ";"), official.orgUnitCode.rawValue,
                names[official.orgUnitCode] ?? "", official.bureau ?? "", official.sector ?? "", official.email ?? "",
                official.mobile ?? "", official.chatIDs.wecom ?? "", official.chatIDs.dingtalk ?? "",
                official.chatIDs.feishu ?? "", official.active ? "是" : "否",
            ]
        }
        return "\u{FEFF}" + CSVWriter().write([header] + rows)
    }
}
