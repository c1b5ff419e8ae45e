import DixianCore
import DixianPlugins
import DixianScreening

/// The register's checks across rows and files: a 监测户 names its group (三类群体) and only a 监测户 does; a
/// person's birth date agrees with the date inside their ID; a person belongs to a household of the file or of
/// the stored register. A row that fails is removed from the valid rows, with its issue.
public enum RegisterCrossCheck {
    public static func check(
        households: inout ValidatedTable?, persons: inout ValidatedTable?, storedHouseholds: Set<String>
    ) {
        if var table = households {
            checkHouseholds(&table)
            households = table
        }
        guard var table = persons else { return }
        var known = storedHouseholds
        for row in households?.rows ?? [] {
            if case .string(let id)? = households?.value("household_id", in: row) { known.insert(id) }
        }
        checkPersons(&table, households: known)
        persons = table
    }

    private static func checkHouseholds(_ table: inout ValidatedTable) {
        let title = PopulationRegister.households.columns.first { $0.name == "monitoring_group" }!.title
        let snapshot = table
        var issues: [ImportIssue] = []
        table.rows = snapshot.rows.filter { row in
            let table = snapshot
            let type = table.value("household_type", in: row)
            let group = table.value("monitoring_group", in: row)
            let problem: String? =
                switch (type, group) {
                case (.string("监测户")?, nil): "监测户须填写监测对象类别（三类群体）(a monitored household needs its group)"
                case (.string(let kind)?, _?) where kind != "监测户": "只有监测户填写监测对象类别 (only monitored households have a group)"
                default: nil
                }
            guard let problem else { return true }
            issues.append(ImportIssue(row: row.number, column: title, .inconsistent, problem))
            return false
        }
        for issue in issues { table.issues.append(issue) }
    }

    private static func checkPersons(_ table: inout ValidatedTable, households: Set<String>) {
        let columns = PopulationRegister.persons.columns
        let birthTitle = columns.first { $0.name == "birth_date" }!.title
        let householdTitle = columns.first { $0.name == "household_id" }!.title
        let snapshot = table
        var issues: [ImportIssue] = []
        table.rows = snapshot.rows.filter { row in
            let table = snapshot
            if case .string(let text)? = table.value("resident_id", in: row), let id = ResidentID(text),
                case .date(let birth)? = table.value("birth_date", in: row), birth != id.birthDate
            {
                issues.append(ImportIssue(
                    row: row.number, column: birthTitle, .birthDateMismatch,
                    "出生日期与身份证号中的不一致 (birth date differs from the one in the ID)"))
                return false
            }
            if case .string(let household)? = table.value("household_id", in: row), !households.contains(household) {
                issues.append(ImportIssue(
                    row: row.number, column: householdTitle, .unknownHousehold,
                    "户编号不在家庭信息表中，也不在已导入的人口台账中 (unknown household)"))
                return false
            }
            return true
        }
        for issue in issues { table.issues.append(issue) }
    }
}
