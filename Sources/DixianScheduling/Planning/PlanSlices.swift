import DixianCore
import DixianDirectory
import DixianPlugins
import Foundation

/// One slice of a streamed plan (分片排期): one duty's occurrences at a run of its units, with all their messages.
public struct PlanSlice: Sendable, Hashable {
    /// The duty's qualified id (`<plugin>.<duty>`).
    public var dutyID: String
    /// Occurrences, ordered by due instant then key.
    public var occurrences: [PlannedOccurrence]
    /// Every message of these occurrences, ordered by send instant then key.
    public var notifications: [PlannedNotification]

    public init(dutyID: String, occurrences: [PlannedOccurrence], notifications: [PlannedNotification]) {
        self.dutyID = dutyID
        self.occurrences = occurrences
        self.notifications = notifications
    }
}

/// A plan handed over slice by slice: per calendar duty, per run of ``SchedulePlanner/unitsPerSlice`` units.
///
/// Memory then grows with a slice, not with the province: a 20,000-village year is 1.5 million occurrences
/// and 7.6 million messages, 4.7 GB held at once. Together the slices are exactly
/// ``SchedulePlanner/plan(from:through:enabledSince:)``'s occurrences and messages; ``finish()`` gives its
/// warnings and unreachable recipients once every slice was taken.
///
/// ```swift
/// var slices = planner.slices(from: now, through: horizonEnd)
/// while let slice = slices.next() { try await store.write(slice) }
/// let summary = slices.finish()
/// ```
public struct PlanSlices {
    let planner: SchedulePlanner
    let from: Date
    let through: CalendarDate
    let enabledSince: [String: Date]
    let unitsPerSlice: Int
    private var builder: PlanBuilder
    private var pending: ArraySlice<Duty>
    private var current: DutyInProgress?

    private struct DutyInProgress {
        var duty: Duty
        var owner: Role
        var slots: [DutySlot]
        var units: ArraySlice<DivisionCode>
    }

    init(planner: SchedulePlanner, from: Date, through: CalendarDate, enabledSince: [String: Date], unitsPerSlice: Int) {
        self.planner = planner
        self.from = from
        self.through = through
        self.enabledSince = enabledSince
        self.unitsPerSlice = max(1, unitsPerSlice)
        self.builder = PlanBuilder(planner: planner)
        self.pending = planner.plugins.enabledDuties.filter { $0.recurrence.eventTrigger == nil }[...]
    }

    /// The next slice, or nil when every duty is planned, or when the task was cancelled (a daemon shutting
    /// down mid-tick: the caller must check `Task.isCancelled` and discard what it has).
    public mutating func next() -> PlanSlice? {
        while !Task.isCancelled {
            if var duty = current, !duty.units.isEmpty {
                let run = duty.units.prefix(unitsPerSlice)
                duty.units = duty.units.dropFirst(run.count)
                current = duty
                builder.add(duty: duty.duty, owner: duty.owner, slots: duty.slots, units: run)
                let planned = builder.takePlanned()
                guard !planned.occurrences.isEmpty else { continue }
                return PlanSlice(dutyID: duty.duty.qualifiedID, occurrences: planned.occurrences, notifications: planned.notifications)
            }
            guard let duty = pending.popFirst() else { return nil }
            current = start(duty)
        }
        return nil
    }

    private mutating func start(_ duty: Duty) -> DutyInProgress? {
        let slots = planner.context.timetable(for: duty, enabledSince: enabledSince[duty.qualifiedID] ?? from, through: through)
        guard !slots.isEmpty, let owner = builder.role(duty.owner.role) else { return nil }
        let units = planner.directory.occurrenceUnits(for: owner, sector: duty.pluginID, scope: duty.units)
        return DutyInProgress(duty: duty, owner: owner, slots: slots, units: units[...])
    }

    /// The plan's warnings (in Chinese) and unreachable recipients, with no occurrences: call it after the
    /// last slice, since the warnings count what the slices planned.
    public mutating func finish() -> SchedulePlan {
        var summary = builder.finish()
        let firstYear = from.localDate(in: planner.context.zone).year
        summary.warnings.insert(
            contentsOf: SchedulePlanner.calendarWarnings(planner.context.calendar, years: firstYear...max(firstYear, through.year)), at: 0)
        return summary
    }
}

extension SchedulePlanner {
    /// Units per slice of a streamed plan: small enough that a slice of a monthly village duty over a year
    /// stays near a megabyte or two, large enough that a store writes it in few statements.
    public static let unitsPerSlice = 500

    /// The plan of ``plan(from:through:enabledSince:)``, handed over in slices; see ``PlanSlices``.
    public func slices(
        from: Date, through: CalendarDate, enabledSince: [String: Date] = [:], unitsPerSlice: Int = Self.unitsPerSlice
    ) -> PlanSlices {
        PlanSlices(planner: self, from: from, through: through, enabledSince: enabledSince, unitsPerSlice: unitsPerSlice)
    }
}
