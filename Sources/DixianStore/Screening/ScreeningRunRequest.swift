import DixianCore
import DixianDatasets
import DixianScreening
import Foundation

/// One rule to run over the latest period of its dataset.
public struct ScreeningRunRequest: Sendable {
    public var plugin: String
    public var ruleID: String
    public var severity: String
    public var layout: DatasetTableLayout
    /// The compiled condition; its placeholders start at `$1`.
    public var condition: SQLFragment
    /// sha256 of the condition, the dataset's columns and the parameter values read.
    public var ruleHash: String
    /// `import`, `cadence` or `manual`.
    public var trigger: String
    /// The screening's date (`today()`, `age()`), in the county's zone.
    public var asOf: CalendarDate
    /// When the run happens: alerts' raised and matched times.
    public var now: Date
    public var dryRun: Bool

    public init(
        plugin: String, ruleID: String, severity: String, layout: DatasetTableLayout, condition: SQLFragment,
        ruleHash: String, trigger: String, asOf: CalendarDate, now: Date, dryRun: Bool
    ) {
        self.plugin = plugin
        self.ruleID = ruleID
        self.severity = severity
        self.layout = layout
        self.condition = condition
        self.ruleHash = ruleHash
        self.trigger = trigger
        self.asOf = asOf
        self.now = now
        self.dryRun = dryRun
    }
}

/// What a run found (筛查结果).
public struct ScreeningRunResult: Sendable, Hashable, Encodable {
    public var runID: Int64?
    public var plugin: String
    public var ruleID: String
    /// The dataset period screened, nil when the dataset holds no data yet.
    public var period: String?
    public var rowsScreened: Int
    public var matched: Int
    /// Alerts raised by this run.
    public var newAlerts: Int
    /// Open alerts that matched again.
    public var stillOpen: Int
    /// Open alerts whose row no longer matches (kept until verified).
    public var noLongerMatching: Int
    /// Rows whose condition was missing (数据缺失): never an alert.
    public var dataMissing: Int
    /// Matching rows whose village is not in the org directory: reported, not raised.
    public var unknownVillage: Int
    public var durationMilliseconds: Int
    public var dryRun: Bool
}
