import DixianCore
import DixianScheduling
import Foundation
import Testing

/// The streamed planner (issue 17): slices of one duty's units, handed over one at a time, must make up
/// exactly the plan the whole-plan planner gives, and that plan must still be the one planned before the
/// planner streamed (the recorded digest of the demo county's year 2027).
@Suite struct StreamedPlanTests {
    static let planner = SchedulePlanner(plugins: Fixtures.plugins, directory: Fixtures.directory, context: Fixtures.context)
    static let from = Fixtures.at("2027-01-01", 0)
    static let through = Fixtures.day("2027-12-31")

    /// Every field of every occurrence and message, in plan order, hashed (FNV-1a, 64 bits).
    static func digest(_ plan: SchedulePlan) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ line: String) {
            for byte in line.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        for o in plan.occurrences {
            feed("\(o.key)|\(o.periodLabel)|\(o.nominalDueDate)|\(o.dueDate)|\(o.dueAt.timeIntervalSince1970)|"
                 + "\(o.opensAt.timeIntervalSince1970)|\(o.isUnassigned)\n")
        }
        for n in plan.notifications {
            feed("\(n.key)|\(n.kind)|\(n.sendAt.timeIntervalSince1970)|\(n.roleID)\n")
        }
        for warning in plan.warnings { feed(warning + "\n") }
        for u in plan.unreachable { feed("\(u.dutyID)|\(u.officialID)|\(u.channels)\n") }
        return String(hash, radix: 16)
    }

    @Test("the demo county's 2027 plan is the one planned before streaming, field for field")
    func recordedDigest() {
        let plan = Self.planner.plan(from: Self.from, through: Self.through)
        #expect(plan.occurrences.count == 12_258)
        #expect(plan.notifications.count == 137_092)
        // Recorded at 9f0d252, the last commit whose planner built the whole plan at once.
        #expect(Self.digest(plan) == "ebe3cf7ec1a35172")
    }

    @Test("slices of 7 or 500 units make up the whole plan, key for key; each slice is one duty with its own messages", arguments: [7, 500])
    func slicesMakeUpThePlan(unitsPerSlice: Int) {
        let whole = Self.planner.plan(from: Self.from, through: Self.through)
        var slices = Self.planner.slices(from: Self.from, through: Self.through, unitsPerSlice: unitsPerSlice)
        var occurrences: [PlannedOccurrence] = []
        var notifications: [PlannedNotification] = []
        var count = 0
        while let slice = slices.next() {
            count += 1
            #expect(slice.occurrences.allSatisfy { $0.dutyID == slice.dutyID })
            #expect(Set(slice.occurrences.map(\.unitCode)).count <= unitsPerSlice)
            let keys = Set(slice.occurrences.map(\.key))
            #expect(slice.notifications.allSatisfy { keys.contains($0.occurrenceKey) })
            occurrences += slice.occurrences
            notifications += slice.notifications
        }
        let summary = slices.finish()
        let duties = Set(whole.occurrences.map(\.dutyID)).count
        #expect(unitsPerSlice == 500 ? count >= duties : count > 2 * duties)
        #expect(Dictionary(uniqueKeysWithValues: occurrences.map { ($0.key, $0) })
                == Dictionary(uniqueKeysWithValues: whole.occurrences.map { ($0.key, $0) }))
        #expect(Dictionary(uniqueKeysWithValues: notifications.map { ($0.key, $0) })
                == Dictionary(uniqueKeysWithValues: whole.notifications.map { ($0.key, $0) }))
        #expect(summary.occurrences.isEmpty && summary.notifications.isEmpty)
        #expect(summary.warnings == whole.warnings)
        #expect(summary.unreachable == whole.unreachable)
    }
}
