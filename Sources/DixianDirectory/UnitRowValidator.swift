/// Checks the rows of an org-units file: code, name, level, duplicates, and the hierarchy.
///
/// Hierarchy rule: a unit's parent must be in the file or already in the directory, unless no
/// unit above it is known at all — then it is the top of a new tree (a county imported without
/// its city). A unit whose parent row is itself invalid is rejected as a consequence.
///
/// 城乡分类代码 and 脱贫村 are optional: an empty cell means no code (the unit counts as rural) and not a
/// 脱贫村. They are read on every row but mean something at village level only; a town row's code is stored
/// as written, so a file copied from the statistics table imports unchanged.
struct UnitRowValidator {
    let header: DirectoryHeader
    let snapshot: DirectorySnapshot

    private struct Candidate {
        var line: Int
        var record: CSVRecord
        var code: DivisionCode
        var name: String
        var urbanRural: UrbanRuralCode?
        var isPovertyExited: Bool

        func unit(parent: DivisionCode?) -> OrgUnit {
            OrgUnit(code: code, name: name, parentCode: parent, urbanRural: urbanRural, isPovertyExited: isPovertyExited)
        }
    }

    func validate(_ records: [CSVRecord]) -> (units: [OrgUnit], issues: [DirectoryIssue]) {
        var issues: [DirectoryIssue] = []
        var candidates: [Candidate] = []
        var firstLine: [DivisionCode: Int] = [:]
        for record in records {
            var rowIssues: [DirectoryIssue] = []
            if let extra = self.header.extraCellsIssue(record) { rowIssues.append(extra) }
            let code = self.code(record, &rowIssues)
            let name = self.name(record, &rowIssues)
            let urbanRural = self.urbanRural(record, &rowIssues)
            let povertyExited = self.povertyExited(record, &rowIssues)
            if let code {
                self.checkLevel(record, code, &rowIssues)
                if let first = firstLine[code] {
                    rowIssues.append(self.header.issue("code", record, .duplicate, "单位代码 \(code) 与第 \(first) 行重复 (duplicate code)"))
                } else {
                    firstLine[code] = record.line
                }
            }
            if rowIssues.isEmpty, let code, let name, let povertyExited {
                candidates.append(Candidate(
                    line: record.line, record: record, code: code, name: name, urbanRural: urbanRural, isPovertyExited: povertyExited))
            }
            issues += rowIssues
        }
        let (units, hierarchyIssues) = self.placeInTree(candidates, fileCodes: firstLine)
        return (units, issues + hierarchyIssues)
    }

    private func placeInTree(_ candidates: [Candidate], fileCodes: [DivisionCode: Int]) -> ([OrgUnit], [DirectoryIssue]) {
        var accepted = self.snapshot.unitCodes
        var units: [OrgUnit] = []
        var issues: [DirectoryIssue] = []
        let ordered = candidates.sorted { ($0.code.level, $0.line) < ($1.code.level, $1.line) }
        for candidate in ordered {
            guard let parent = candidate.code.parent else {
                accepted.insert(candidate.code)
                units.append(candidate.unit(parent: nil))
                continue
            }
            if accepted.contains(parent) {
                accepted.insert(candidate.code)
                units.append(candidate.unit(parent: parent))
            } else if let parentLine = fileCodes[parent] {
                issues.append(self.header.issue(
                    "code", candidate.record, .dependsOnInvalidRow,
                    "上级单位 \(parent)(第 \(parentLine) 行)有错误,本行一并跳过 (its parent row is invalid)"
                ))
            } else if candidate.code.ancestors.contains(where: { accepted.contains($0) || fileCodes[$0] != nil }) {
                issues.append(self.header.issue(
                    "code", candidate.record, .hierarchy,
                    "上级单位 \(parent) 既不在本文件中,也不在组织目录中 (parent unit missing)"
                ))
            } else {
                accepted.insert(candidate.code)
                units.append(candidate.unit(parent: nil))
            }
        }
        return (units, issues)
    }

    private func code(_ record: CSVRecord, _ issues: inout [DirectoryIssue]) -> DivisionCode? {
        guard let text = self.header.cell("code", record) else {
            issues.append(self.header.issue("code", record, .missingValue, "单位代码为空 (code is empty)"))
            return nil
        }
        do {
            return try DivisionCode(validating: text)
        } catch {
            issues.append(self.header.issue("code", record, .invalidCode, error.message))
            return nil
        }
    }

    private func name(_ record: CSVRecord, _ issues: inout [DirectoryIssue]) -> String? {
        guard let name = self.header.cell("name", record) else {
            issues.append(self.header.issue("name", record, .missingValue, "名称为空 (name is empty)"))
            return nil
        }
        guard name.count <= 100, !name.containsControlCharacter else {
            issues.append(self.header.issue("name", record, .invalidValue, "名称过长或含控制字符 (name too long or has control characters)"))
            return nil
        }
        return name
    }

    private func urbanRural(_ record: CSVRecord, _ issues: inout [DirectoryIssue]) -> UrbanRuralCode? {
        guard let text = self.header.cell("urban_rural", record) else { return nil }
        guard let code = UrbanRuralCode(parsing: text) else {
            issues.append(self.header.issue(
                "urban_rural", record, .invalidValue,
                "城乡分类代码 '\(text)' 无效,应为 \(UrbanRuralCode.listing) 之一,或留空 (invalid urban-rural code)"
            ))
            return nil
        }
        return code
    }

    /// 脱贫村: nil when the cell is not a yes/no.
    private func povertyExited(_ record: CSVRecord, _ issues: inout [DirectoryIssue]) -> Bool? {
        guard let text = self.header.cell("poverty_exited", record) else { return false }
        switch text.lowercased() {
        case "是", "脱贫村", "true", "yes", "y", "1": return true
        case "否", "非脱贫村", "false", "no", "n", "0": return false
        default:
            issues.append(self.header.issue(
                "poverty_exited", record, .invalidValue, "脱贫村 '\(text)' 无效:应为 是/否,或留空 (expected yes/no)"
            ))
            return nil
        }
    }

    private func checkLevel(_ record: CSVRecord, _ code: DivisionCode, _ issues: inout [DirectoryIssue]) {
        guard let text = self.header.cell("level", record) else { return }
        guard let level = OrgLevel(parsing: text) else {
            issues.append(self.header.issue(
                "level", record, .invalidValue,
                "层级 '\(text)' 无效,应为 省/市/县/乡镇/村 或 province/city/county/town/village (invalid level)"
            ))
            return
        }
        if level != code.level {
            issues.append(self.header.issue(
                "level", record, .levelMismatch,
                "层级 '\(text)' 与代码 \(code) 不符:按代码应为 \(code.level.chineseName) (\(code.level.rawValue)) (level does not match the code)"
            ))
        }
    }
}
