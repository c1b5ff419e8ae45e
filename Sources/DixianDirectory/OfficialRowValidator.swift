/// Checks the rows of an officials file: id, name, roles, unit, sector, bureau, contacts.
///
/// The unit must already be in the directory (import the units file first); each role must be
/// one the plugins declare and, when its level is known, be held at a unit of that level; a
/// per-sector role needs a sector.
struct OfficialRowValidator {
    let header: DirectoryHeader
    let snapshot: DirectorySnapshot
    let roles: RoleCatalogue

    /// Separators between roles in one cell: ASCII and full-width semicolons and commas, 、 and |.
    static let roleSeparators: Set<Character> = [";", "；", "、", ",", "，", "|", "\n", "\r", "\r\n"]

    func validate(_ records: [CSVRecord]) -> (officials: [Official], bureaus: [Bureau], issues: [DirectoryIssue]) {
        var issues: [DirectoryIssue] = []
        var officials: [Official] = []
        var bureaus: [String: Bureau] = [:]
        var bureauOrder: [String] = []
        var bureauLines: [String: Int] = [:]
        var firstLine: [String: Int] = [:]
        for record in records {
            var rowIssues: [DirectoryIssue] = []
            if let extra = self.header.extraCellsIssue(record) { rowIssues.append(extra) }
            let id = self.id(record, &rowIssues)
            if let id {
                if let first = firstLine[id] {
                    rowIssues.append(self.header.issue("id", record, .duplicate, "工号 \(id) 与第 \(first) 行重复 (duplicate id)"))
                } else {
                    firstLine[id] = record.line
                }
            }
            let name = self.text("name", record, maxLength: 50, required: true, label: "姓名", &rowIssues)
            let roles = self.roles(record, &rowIssues)
            let unit = self.unit(record, &rowIssues)
            if let unit { self.checkLevels(record, roles, unit, &rowIssues) }
            let sector = self.sector(record, roles, &rowIssues)
            let bureauName = self.text("bureau", record, maxLength: 100, required: false, label: "行业部门", &rowIssues)
            let contacts = self.contacts(record, &rowIssues)
            let active = self.active(record, &rowIssues)

            var bureau: Bureau?
            if let bureauName, let unit {
                let candidate = Bureau(name: bureauName, sector: sector, officialUnit: unit)
                if let known = bureaus[candidate.id], let a = known.sector, let b = sector, a != b {
                    rowIssues.append(self.header.issue(
                        "sector", record, .conflict,
                        "行业部门 '\(bureauName)' 在第 \(bureauLines[candidate.id] ?? 0) 行属于行业 \(a),本行却是 \(b) (conflicting sector)"
                    ))
                } else {
                    bureau = candidate
                }
            }
            guard rowIssues.isEmpty, let id, let name, let unit, let active else {
                issues += rowIssues
                continue
            }
            if let bureau {
                if bureaus[bureau.id] == nil {
                    bureauOrder.append(bureau.id)
                    bureauLines[bureau.id] = record.line
                }
                if bureaus[bureau.id]?.sector == nil { bureaus[bureau.id] = bureau }
            }
            officials.append(Official(
                id: id, name: name, roles: roles.map(\.id), orgUnitCode: unit, bureau: bureauName, sector: sector,
                email: contacts.email, mobile: contacts.mobile, chatIDs: contacts.chatIDs, active: active
            ))
        }
        return (officials, bureauOrder.compactMap { bureaus[$0] }, issues)
    }

    private func id(_ record: CSVRecord, _ issues: inout [DirectoryIssue]) -> String? {
        guard let text = self.header.cell("id", record) else {
            issues.append(self.header.issue("id", record, .missingValue, "工号为空 (id is empty)"))
            return nil
        }
        guard let id = ContactSyntax.officialID(text) else {
            issues.append(self.header.issue(
                "id", record, .invalidValue,
                "工号 '\(text)' 无效:只能用字母、数字和 . _ -,最长 64 位 (invalid id)"
            ))
            return nil
        }
        return id
    }

    /// A free-text cell; nil when empty or invalid (an issue is recorded when invalid or required).
    func text(
        _ field: String, _ record: CSVRecord, maxLength: Int, required: Bool, label: String,
        _ issues: inout [DirectoryIssue]
    ) -> String? {
        guard let value = self.header.cell(field, record) else {
            if required { issues.append(self.header.issue(field, record, .missingValue, "\(label)为空 (empty)")) }
            return nil
        }
        guard value.count <= maxLength, !value.containsControlCharacter else {
            issues.append(self.header.issue(
                field, record, .invalidValue, "\(label)过长(最多 \(maxLength) 字)或含控制字符 (too long or control characters)"
            ))
            return nil
        }
        return value
    }

    private func unit(_ record: CSVRecord, _ issues: inout [DirectoryIssue]) -> DivisionCode? {
        guard let text = self.header.cell("org_code", record) else {
            issues.append(self.header.issue("org_code", record, .missingValue, "单位代码为空 (unit code is empty)"))
            return nil
        }
        let code: DivisionCode
        do {
            code = try DivisionCode(validating: text)
        } catch {
            issues.append(self.header.issue("org_code", record, .invalidCode, error.message))
            return nil
        }
        guard self.snapshot.unitCodes.contains(code) else {
            issues.append(self.header.issue(
                "org_code", record, .unknownUnit,
                "单位 \(code) 不在组织目录中;请先导入单位文件 (unit not in the directory; import the units file first)"
            ))
            return nil
        }
        return code
    }
}
