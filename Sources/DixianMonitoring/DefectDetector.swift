import DixianCore

/// Finds the procedure's defects in the records as of a day: pure, so `dixian case defects` and the monthly agenda
/// report exactly what a fixture says. The day limits are local settings (本地设定): the seeds name the defects
/// but give no number of days.
public struct DefectDetector: Sendable {
    /// Days from a confirmed risk (the verification's effective date) to inclusion before it is 应纳未纳.
    public var includeWithinDays: Int
    /// Days from the signal to inclusion before an inclusion counts as 纳入不及时.
    public var timelyInclusionDays: Int

    public init(includeWithinDays: Int, timelyInclusionDays: Int) {
        self.includeWithinDays = includeWithinDays
        self.timelyInclusionDays = timelyInclusionDays
    }

    static let defectsSeed = SeedCitation(
        file: "003_7054d1b8bccb6c81.txt", section: "一、（三）",
        quote: "排查识别不到位，程序不规范、排查不彻底、应纳未纳、纳入不及时、体外循环")
    static let alertSeed = SeedCitation(
        file: "003_7054d1b8bccb6c81.txt", section: "一、（三）", quote: "返贫风险监测预警信息推送处理不够及时，监测对象纳入不够及时")
    static let clockSeed = SeedCitation(
        file: "003_7054d1b8bccb6c81.txt", section: "一、（三）整改措施2",
        quote: "根据识别监测对象的风险类型 10 天内完成帮扶计划的制定和帮扶措施申报,明确 1 名帮扶责任人,30 天内落实针对性帮扶措施")

    /// Every defect as of `today`, ordered by kind, then village, then household.
    public func defects(in inputs: DefectInputs, asOf today: CalendarDate) -> [Defect] {
        let found = inclusionDefects(inputs, today) + outsideSystem(inputs) + verificationDefects(inputs, today)
            + clockDefects(inputs, today)
        let order = Defect.Kind.allCases
        return found.sorted {
            (order.firstIndex(of: $0.kind)!, $0.unitCode, $0.householdID, $0.detail)
                < (order.firstIndex(of: $1.kind)!, $1.unitCode, $1.householdID, $1.detail)
        }
    }

    private func inclusionDefects(_ inputs: DefectInputs, _ today: CalendarDate) -> [Defect] {
        var defects: [Defect] = []
        for signal in inputs.signals where signal.riskConfirmed {
            guard let confirmed = signal.verifiedOn else { continue }
            if let included = inputs.inclusions[signal.householdID] {
                let days = included.dayNumber - signal.raisedOn.dayNumber
                if days > timelyInclusionDays {
                    defects.append(Defect(
                        kind: .lateInclusion, householdID: signal.householdID, unitCode: signal.unitCode,
                        detail: "\(signal.raisedOn.chineseDescription)发现风险，\(included.chineseDescription)才纳入监测，用时\(days)天（本地设定\(timelyInclusionDays)天）",
                        seed: Self.defectsSeed))
                }
            } else if today.dayNumber - confirmed.dayNumber > includeWithinDays {
                defects.append(Defect(
                    kind: .notIncluded, householdID: signal.householdID, unitCode: signal.unitCode,
                    detail: "\(confirmed.chineseDescription)核实确认存在风险，至今\(today.dayNumber - confirmed.dayNumber)天未纳入监测（本地设定\(includeWithinDays)天）",
                    seed: Self.defectsSeed))
            }
        }
        return defects
    }

    private func outsideSystem(_ inputs: DefectInputs) -> [Defect] {
        inputs.measures.compactMap { measure in
            if let included = inputs.inclusions[measure.householdID], included <= measure.recordedOn { return nil }
            return Defect(
                kind: .helpedOutsideSystem, householdID: measure.householdID, unitCode: measure.unitCode,
                detail: "\(measure.recordedOn.chineseDescription)登记帮扶措施时，该户不是监测对象", seed: Self.defectsSeed)
        }
    }

    private func verificationDefects(_ inputs: DefectInputs, _ today: CalendarDate) -> [Defect] {
        inputs.signals.compactMap { signal in
            Self.lateness(due: signal.verifyBy, done: signal.verifiedOn, today: today, verb: "核实").map {
                Defect(kind: .verificationOverdue, householdID: signal.householdID, unitCode: signal.unitCode,
                       detail: "核实" + $0, seed: Self.alertSeed)
            }
        }
    }

    private func clockDefects(_ inputs: DefectInputs, _ today: CalendarDate) -> [Defect] {
        inputs.clocks.compactMap { clock in
            let what = clock.kind == .helpPlan ? "10日内制定帮扶计划、明确帮扶责任人：" : "30日内落实帮扶措施："
            return Self.lateness(due: clock.dueOn, done: clock.metOn, today: today, verb: "完成").map {
                Defect(kind: .clockOverdue, householdID: clock.householdID, unitCode: clock.unitCode, detail: what + $0,
                       seed: Self.clockSeed)
            }
        }
    }

    /// `期限…，…才核实` when done after the due day, `期限…，至今未核实` when still open after it, nil when in time.
    static func lateness(due: CalendarDate, done: CalendarDate?, today: CalendarDate, verb: String) -> String? {
        if let done {
            return done > due ? "期限\(due.chineseDescription)，\(done.chineseDescription)才\(verb)" : nil
        }
        return today > due ? "期限\(due.chineseDescription)，至今未\(verb)" : nil
    }
}
