import DixianDatasets
import DixianScreening

/// The SELECT a rule runs as: each row of the dataset's period with the subject it concerns, its village, the
/// person and household the register joins it to, and the condition's value (NULL = data missing).
/// `package` so that `dixian bench screen` times the very SELECT screening runs.
package struct ScreeningQuery {
    let layout: DatasetTableLayout

    package init(layout: DatasetTableLayout) {
        self.layout = layout
    }

    private func has(_ column: String) -> Bool {
        layout.dataset.columns.contains { $0.name == column }
    }

    /// The dataset's key values joined by U+001F (the row number when it declares no key).
    var subject: String {
        let key = layout.dataset.key
        guard !key.isEmpty else { return "d.row_number::text" }
        return "concat_ws(E'\\x1F', " + key.map { "d.\(SQLNaming.quoted($0))::text" }.joined(separator: ", ") + ")"
    }

    var joinsRegister: Bool { has(RegisterField.joinColumn) }

    /// The village: the dataset's own `village_code`, else the register household's.
    var village: String {
        if has("village_code") { return joinsRegister ? "COALESCE(d.village_code, h.village_code)" : "d.village_code" }
        return joinsRegister ? "h.village_code" : "NULL::text"
    }

    /// `SELECT subject_key, unit_code, resident_id, household_id, result FROM …` for one period (`$period`).
    package func matches(condition: String, periodPlaceholder: Int) -> String {
        let table = SQLNaming.quoted(layout.tableName)
        let joins =
            joinsRegister
            ? " LEFT JOIN reg_persons p ON p.resident_id = d.resident_id LEFT JOIN reg_households h ON h.household_id = p.household_id"
            : ""
        return """
            SELECT \(subject) AS subject_key, \(village) AS unit_code,
                   \(joinsRegister ? "d.resident_id" : "NULL::text") AS resident_id,
                   \(joinsRegister ? "p.household_id" : "NULL::text") AS household_id,
                   (\(condition)) AS result
              FROM \(table) d\(joins)
             WHERE d.period = $\(periodPlaceholder)::text
            """
    }
}
