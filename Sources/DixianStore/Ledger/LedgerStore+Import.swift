import DixianCore
import DixianReports
import Foundation
import Logging
import PostgresNIO

extension LedgerStore {
    /// Merges sheets read back from Excel or WPS into the ledger (``LedgerMerge``), all in one transaction: new
    /// rows become problems, edited columns are updated, progress lines not yet recorded are appended, and the
    /// rows take the sheet's order. `dryRun` decides the same and writes nothing.
    public func importSheets(
        _ sheets: [LedgerImportSheet], fileName: String, entry: LedgerEntry, dryRun: Bool, clocks: DeadlineClocks? = nil
    ) async throws -> LedgerImportResult {
        try await transaction { connection in
            var groups: [LedgerImportResult.Group] = []
            for sheet in sheets {
                let group = sheet.sheet.heading.group
                let stored = try await Self.group(campaign: sheet.campaign, group: group, connection, logger: logger)
                let merge = LedgerMerge(
                    sheet: sheet.sheet,
                    stored: stored.map { .init(number: $0.number, problem: $0.problem, filledBy: $0.filledBy, position: $0.position) })
                var newNumbers: [String] = []
                if !dryRun {
                    let byNumber = Dictionary(uniqueKeysWithValues: stored.map { ($0.number, $0) })
                    newNumbers = try await apply(merge, of: sheet, stored: byNumber, entry: entry, clocks: clocks, connection)
                    try await audit(
                        "ledger.import", entry,
                        details: [
                            "file": fileName, "campaign": sheet.campaign, "group": group, "created": "\(merge.created)",
                            "updated": "\(merge.updated)", "progress_added": "\(merge.progressAdded)",
                        ], connection)
                }
                groups.append(
                    .init(
                        group: group, rows: merge.items.count, created: merge.created, updated: merge.updated,
                        progressAdded: merge.progressAdded, progressKept: merge.keptProgress, newNumbers: newNumbers))
            }
            return LedgerImportResult(groups: groups, dryRun: dryRun)
        }
    }

    private func apply(
        _ merge: LedgerMerge, of sheet: LedgerImportSheet, stored: [String: LedgerRecord], entry: LedgerEntry, clocks: DeadlineClocks?,
        _ connection: PostgresConnection
    ) async throws -> [String] {
        // Positions first move out of the way, so rows can swap places without two sharing one mid-way.
        try await connection.query(
            """
            UPDATE ledger_problems SET position = position + 1000000
             WHERE campaign = \(sheet.campaign) AND working_group = \(sheet.sheet.heading.group)
            """,
            logger: logger)
        var newNumbers: [String] = []
        for item in merge.items {
            let problemID: Int64
            if let number = item.number, let known = stored[number] {
                problemID = known.id
                try await update(known.id, to: item, filledBy: sheet.sheet.heading.filledBy, entry: entry, connection)
                try await followDeadline(known, problemID: known.id, clocks: clocks, entry: entry, connection)
            } else {
                let draft = LedgerDraft(
                    campaign: sheet.campaign, group: sheet.sheet.heading.group, unitCode: sheet.unitCode,
                    filledBy: sheet.sheet.heading.filledBy, problem: item.problem)
                let inserted = try await insert(draft, position: item.position, entry: entry, connection)
                problemID = inserted.id
                newNumbers.append(inserted.number)
                try await followDeadline(nil, problemID: inserted.id, clocks: clocks, entry: entry, connection)
            }
            for progress in item.newProgress {
                try await appendProgress(problemID, progress, entry: entry, imported: true, connection)
            }
        }
        // Stored problems the sheet left out keep their order after the sheet's rows.
        try await connection.query(
            """
            UPDATE ledger_problems SET position = position - 1000000 + \(merge.items.count)
             WHERE campaign = \(sheet.campaign) AND working_group = \(sheet.sheet.heading.group) AND position > 1000000
            """,
            logger: logger)
        return newNumbers
    }

    private func update(
        _ id: Int64, to item: LedgerMerge.Item, filledBy: String, entry: LedgerEntry, _ connection: PostgresConnection
    ) async throws {
        let problem = item.problem
        let changed = !item.changedColumns.isEmpty || !item.newProgress.isEmpty
        try await connection.query(
            """
            UPDATE ledger_problems
               SET measure = \(problem.measure), deadline = \(problem.deadline.description)::date, result = \(problem.result.rawValue),
                   lead_unit = \(problem.leadUnit), cooperating_units = \(problem.cooperatingUnits),
                   responsible = \(problem.responsible), note = \(problem.note), filled_by = \(filledBy),
                   position = \(item.position), updated_at = CASE WHEN \(changed) THEN \(entry.at) ELSE updated_at END
             WHERE id = \(id)
            """,
            logger: logger)
    }
}
