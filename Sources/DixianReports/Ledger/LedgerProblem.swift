import DixianCore

/// One problem of the rectification ledger (问题排查整改台账), as seed 003's 附件1 records it.
public struct LedgerProblem: Sendable, Hashable {
    /// One dated entry of 整改进展 (append-only: the ledger cell shows them joined).
    public struct Progress: Sendable, Hashable {
        public var on: CalendarDate
        public var text: String

        public init(on: CalendarDate, text: String) {
            self.on = on
            self.text = text
        }
    }

    /// 对照排查内容排查出的具体问题.
    public var problem: String
    /// 整改措施.
    public var measure: String
    public var progress: [Progress]
    /// 整改时限.
    public var deadline: CalendarDate
    public var result: RectificationResult
    /// 牵头单位.
    public var leadUnit: String
    /// 配合单位.
    public var cooperatingUnits: [String]
    /// 责任人: the lead unit's head (填表说明 5).
    public var responsible: String
    /// 备注.
    public var note: String

    public init(
        problem: String, measure: String, progress: [Progress] = [], deadline: CalendarDate, result: RectificationResult,
        leadUnit: String, cooperatingUnits: [String] = [], responsible: String, note: String = ""
    ) {
        self.problem = problem
        self.measure = measure
        self.progress = progress
        self.deadline = deadline
        self.result = result
        self.leadUnit = leadUnit
        self.cooperatingUnits = cooperatingUnits
        self.responsible = responsible
        self.note = note
    }

    /// `8月15日前`, as 填表说明 3 asks (整改时限明确化，如*月*日前).
    public var deadlineText: String {
        deadlineText(inLedgerOf: deadline.year)
    }

    /// The deadline as a ledger of `year` writes it: `8月15日前`, or `2025年1月10日前` outside that year, so it reads back.
    public func deadlineText(inLedgerOf year: Int) -> String {
        Self.dayText(deadline, year: year) + "前"
    }

    /// The progress entries joined, oldest first: `7月25日：…` one per line.
    public var progressText: String {
        progressText(inLedgerOf: deadline.year)
    }

    /// The progress as a ledger of `year` writes it: `7月25日：…`, or `2025年1月3日：…` outside that year.
    public func progressText(inLedgerOf year: Int) -> String {
        progress.sorted { $0.on < $1.on }.map { Self.dayText($0.on, year: year) + "：" + $0.text }.joined(separator: "\n")
    }

    static func dayText(_ date: CalendarDate, year: Int) -> String {
        (date.year == year ? "" : "\(date.year)年") + "\(date.month)月\(date.day)日"
    }
}
