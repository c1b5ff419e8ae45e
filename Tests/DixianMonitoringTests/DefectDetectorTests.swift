import DixianCore
import DixianMonitoring
import Testing

/// The defect detectors on a fixture seeded with exactly one of each defect, next to records that are in order.
@Suite("Defect detectors (应纳未纳, 纳入不及时, 体外循环, overdue verification and clocks)")
struct DefectDetectorTests {
    static func date(_ month: Int, _ day: Int) -> CalendarDate { CalendarDate(year: 2026, month: month, day: day)! }
    static let detector = DefectDetector(includeWithinDays: 15, timelyInclusionDays: 20)
    static let today = date(7, 31)

    /// H-LATE-INC is included 25 days after its signal; H-NOT-INC confirmed on 7/1 and never included; H-OUTSIDE
    /// helped but never monitored; H-VER-OPEN unverified past its deadline; H-VER-LATE verified late; H-CLOCK-OPEN's
    /// 30-day clock open past due; H-CLOCK-LATE's 10-day clock met late. H-OK does everything in time.
    static let fixture = DefectInputs(
        signals: [
            .init(householdID: "H-OK", unitCode: "V1", raisedOn: date(6, 1), verifyBy: date(6, 8), verifiedOn: date(6, 3), riskConfirmed: true),
            .init(householdID: "H-LATE-INC", unitCode: "V1", raisedOn: date(6, 1), verifyBy: date(6, 8), verifiedOn: date(6, 5), riskConfirmed: true),
            .init(householdID: "H-NOT-INC", unitCode: "V2", raisedOn: date(6, 25), verifyBy: date(7, 2), verifiedOn: date(7, 1), riskConfirmed: true),
            .init(householdID: "H-RECENT", unitCode: "V2", raisedOn: date(7, 20), verifyBy: date(7, 27), verifiedOn: date(7, 22), riskConfirmed: true),
            .init(householdID: "H-NO-RISK", unitCode: "V2", raisedOn: date(6, 1), verifyBy: date(6, 8), verifiedOn: date(6, 2)),
            .init(householdID: "H-VER-OPEN", unitCode: "V3", raisedOn: date(7, 20), verifyBy: date(7, 27)),
            .init(householdID: "H-VER-WAITING", unitCode: "V3", raisedOn: date(7, 28), verifyBy: date(8, 4)),
            .init(householdID: "H-VER-LATE", unitCode: "V3", raisedOn: date(6, 1), verifyBy: date(6, 8), verifiedOn: date(6, 10)),
        ],
        inclusions: ["H-OK": date(6, 10), "H-LATE-INC": date(6, 26), "H-CLOCK-OPEN": date(6, 1), "H-CLOCK-LATE": date(6, 1)],
        measures: [
            .init(householdID: "H-OK", unitCode: "V1", recordedOn: date(6, 15)),
            .init(householdID: "H-OUTSIDE", unitCode: "V4", recordedOn: date(7, 1)),
        ],
        clocks: [
            .init(householdID: "H-OK", unitCode: "V1", kind: .helpPlan, dueOn: date(6, 20), metOn: date(6, 18)),
            .init(householdID: "H-OK", unitCode: "V1", kind: .measures, dueOn: date(7, 10), metOn: date(7, 10)),
            .init(householdID: "H-CLOCK-OPEN", unitCode: "V5", kind: .measures, dueOn: date(7, 1)),
            .init(householdID: "H-CLOCK-LATE", unitCode: "V5", kind: .helpPlan, dueOn: date(6, 11), metOn: date(6, 14)),
            .init(householdID: "H-CLOCK-WAITING", unitCode: "V5", kind: .measures, dueOn: date(8, 1)),
        ])

    @Test("each detector finds exactly its seeded defect, and nothing in the records that are in order")
    func exactlyTheSeeded() {
        let found = Self.detector.defects(in: Self.fixture, asOf: Self.today)
        #expect(found.map { "\($0.kind.rawValue) \($0.householdID)" } == [
            "not_included H-NOT-INC",
            "late_inclusion H-LATE-INC",
            "helped_outside_system H-OUTSIDE",
            "verification_overdue H-VER-LATE",
            "verification_overdue H-VER-OPEN",
            "clock_overdue H-CLOCK-LATE",
            "clock_overdue H-CLOCK-OPEN",
        ])
        #expect(found.allSatisfy { $0.seed.file.hasSuffix(".txt") && !$0.seed.quote.isEmpty })
        #expect(found.first { $0.kind == .lateInclusion }?.detail.contains("用时25天") == true)
        #expect(found.first { $0.kind == .notIncluded }?.detail.contains("30天未纳入") == true)
    }

    @Test("the limits are inclusive: the last allowed day is in time, the day after is a defect")
    func boundaries() {
        var inputs = DefectInputs(signals: [
            .init(householdID: "H", unitCode: "V", raisedOn: Self.date(7, 1), verifyBy: Self.date(7, 8), verifiedOn: Self.date(7, 1), riskConfirmed: true),
        ])
        #expect(Self.detector.defects(in: inputs, asOf: Self.date(7, 16)).isEmpty)
        #expect(Self.detector.defects(in: inputs, asOf: Self.date(7, 17)).map(\.kind) == [.notIncluded])
        inputs.inclusions = ["H": Self.date(7, 21)]
        #expect(Self.detector.defects(in: inputs, asOf: Self.date(7, 31)).isEmpty)
        inputs.inclusions = ["H": Self.date(7, 22)]
        #expect(Self.detector.defects(in: inputs, asOf: Self.date(7, 31)).map(\.kind) == [.lateInclusion])
        // A measure on the day of inclusion is inside the system.
        inputs.measures = [.init(householdID: "H", unitCode: "V", recordedOn: Self.date(7, 22))]
        #expect(Self.detector.defects(in: inputs, asOf: Self.date(7, 31)).map(\.kind) == [.lateInclusion])
        inputs.measures = [.init(householdID: "H", unitCode: "V", recordedOn: Self.date(7, 21))]
        #expect(Self.detector.defects(in: inputs, asOf: Self.date(7, 31)).map(\.kind) == [.lateInclusion, .helpedOutsideSystem])
    }
}
