import DixianDirectory

/// How an import is run.
public struct DirectoryImportOptions: Sendable, Hashable {
    /// Import the valid rows even when some rows are bad (`--skip-invalid`).
    public var skipInvalid: Bool
    /// Check everything against the database, write nothing (`--dry-run`).
    public var dryRun: Bool

    public init(skipInvalid: Bool = false, dryRun: Bool = false) {
        self.skipInvalid = skipInvalid
        self.dryRun = dryRun
    }
}

/// How many rows an upsert inserted, updated, or found already equal.
public struct DirectoryChangeCounts: Sendable, Hashable {
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }

    /// Whether the import changed anything.
    public var isEmpty: Bool { self.inserted == 0 && self.updated == 0 }
}

/// What an import did: the plan with every issue, and the changes written.
public struct DirectoryImportReport: Sendable {
    /// The plan, with every issue found.
    public var plan: ImportPlan
    /// Whether rows were written (false for a dry run or a refused plan).
    public var applied: Bool
    /// Why nothing was written, when the plan was refused.
    public var refusal: DirectoryError?
    /// Org units or officials (by the file's kind) inserted, updated and unchanged.
    public var changes: DirectoryChangeCounts

    public init(plan: ImportPlan, applied: Bool, refusal: DirectoryError? = nil, changes: DirectoryChangeCounts = DirectoryChangeCounts()) {
        self.plan = plan
        self.applied = applied
        self.refusal = refusal
        self.changes = changes
    }

    /// The summary line, e.g. `导入 12 个单位、0 名干部;跳过 0 行(新增 12、更新 0、未变 0)`.
    public var summary: String {
        let units = self.plan.kind == .units ? self.plan.units.count : 0
        let officials = self.plan.kind == .officials ? self.plan.officials.count : 0
        let skipped = self.plan.skippedLines.count
        if let refusal = self.refusal {
            return "未导入 (nothing imported):\(refusal.message)"
        }
        let verb = self.applied ? "导入" : "试运行 (dry run),可导入"
        let detail = self.applied
            ? "(新增 \(self.changes.inserted)、更新 \(self.changes.updated)、未变 \(self.changes.unchanged))"
            : ""
        return "\(verb) \(units) 个单位、\(officials) 名干部;跳过 \(skipped) 行\(detail)"
    }
}
