import DixianCore
import DixianDispatch
import DixianScheduling
import Foundation
import Logging
import PostgresNIO

/// The quantity target (数量目标) an occurrence carries, copied from its duty when planned.
public struct OccurrenceTarget: Sendable, Hashable {
    /// The target value.
    public var value: Decimal
    /// `at_least` or `at_most`.
    public var comparison: String

    public init(value: Decimal, comparison: String) {
        self.value = value
        self.comparison = comparison
    }
}

/// What one application of a plan changed.
public struct PlanApplication: Sendable, Hashable {
    public var occurrencesAdded = 0
    public var occurrencesUpdated = 0
    public var occurrencesWithdrawn = 0
    public var notificationsAdded = 0
    public var notificationsRescheduled = 0
    public var notificationsCancelled = 0

    public init() {}

    /// Whether nothing was written.
    public var isEmpty: Bool {
        self == PlanApplication()
    }

    /// Adds what another application changed.
    public static func += (lhs: inout Self, rhs: Self) {
        lhs.occurrencesAdded += rhs.occurrencesAdded
        lhs.occurrencesUpdated += rhs.occurrencesUpdated
        lhs.occurrencesWithdrawn += rhs.occurrencesWithdrawn
        lhs.notificationsAdded += rhs.notificationsAdded
        lhs.notificationsRescheduled += rhs.notificationsRescheduled
        lhs.notificationsCancelled += rhs.notificationsCancelled
    }
}

/// Which stored calendar occurrences a plan speaks for: open ones of the ``dutyIDs`` due after
/// ``after`` with a nominal due date up to ``through``. Those the plan no longer contains are
/// withdrawn; done and waived occurrences are never touched.
public struct PlanScope: Sendable, Hashable {
    /// Every calendar duty that is enabled now (a duty missing here has all its future occurrences withdrawn).
    public var dutyIDs: Set<String>
    /// Only occurrences due after this instant are replanned (earlier ones keep their reminders).
    public var after: Date
    /// The horizon's last day.
    public var through: CalendarDate

    public init(dutyIDs: Set<String>, after: Date, through: CalendarDate) {
        self.dutyIDs = dutyIDs
        self.after = after
        self.through = through
    }
}

extension ScheduleStore {
    /// Occurrences written per transaction, with all their notifications (so each occurrence and its
    /// planned messages commit together, and no statement carries more than about 100,000 rows).
    static let occurrencesPerTransaction = 2_000

    /// The outbox kinds an occurrence's plan owns (reminders and escalations). Replanning and withdrawal
    /// cancel only these: a notice (a dead letter, later a bulletin or a sign-in link) is never a plan's to cancel.
    static let plannedKinds: [String] = OutboxKind.allCases.filter(\.isPlanned).map(\.rawValue)

    /// Makes the stored schedule agree with `plan` within `scope`: inserts what is new, moves open
    /// occurrences and pending messages whose times changed, cancels pending messages the plan no
    /// longer has and withdraws open occurrences it no longer has. Idempotent.
    public func apply(
        _ plan: SchedulePlan,
        scope: PlanScope,
        targets: [String: OccurrenceTarget] = [:]
    ) async throws -> PlanApplication {
        let dutyOfOccurrence = Dictionary(plan.occurrences.map { ($0.key, $0.dutyID) }, uniquingKeysWith: { first, _ in first })
        let notificationsByDuty = Dictionary(grouping: plan.notifications) { dutyOfOccurrence[$0.occurrenceKey] ?? "" }
        var result = PlanApplication()
        var plannedKeys: [String: [String]] = [:]
        let byDuty = Dictionary(grouping: plan.occurrences, by: \.dutyID)
        for (dutyID, occurrences) in byDuty.sorted(by: { $0.key < $1.key }) {
            plannedKeys[dutyID] = occurrences.map(\.key)
            let slice = PlanSlice(dutyID: dutyID, occurrences: occurrences, notifications: notificationsByDuty[dutyID] ?? [])
            result += try await self.write(slice, target: targets[dutyID])
        }
        result.occurrencesWithdrawn += try await self.withdraw(outside: plannedKeys, scope: scope)
        return result
    }

    /// Writes one slice of a plan: inserts what is new, moves open occurrences and pending messages whose
    /// times changed and cancels the slice's pending messages it no longer has, in transactions of
    /// ``occurrencesPerTransaction`` occurrences with their messages. Withdrawing what the plan left out
    /// waits for the last slice (``withdraw(outside:scope:)``); until then a tick cut short leaves nothing
    /// wrong, only something unfinished. Idempotent.
    public func write(_ slice: PlanSlice, target: OccurrenceTarget?) async throws -> PlanApplication {
        var notificationsByOccurrence: [String: [PlannedNotification]] = [:]
        for notification in slice.notifications {
            notificationsByOccurrence[notification.occurrenceKey, default: []].append(notification)
        }
        var result = PlanApplication()
        var start = 0
        while start < slice.occurrences.count {
            let chunk = Array(slice.occurrences[start..<min(start + Self.occurrencesPerTransaction, slice.occurrences.count)])
            let messages = chunk.flatMap { notificationsByOccurrence[$0.key] ?? [] }
            result += try await self.transaction { connection in
                try await Self.write(chunk, messages, target: target, connection, logger: self.logger)
            }
            start += chunk.count
        }
        return result
    }

    /// Inserts or updates one chunk of occurrences and their messages, and cancels the chunk's
    /// pending messages that the plan no longer has.
    static func write(
        _ occurrences: [PlannedOccurrence],
        _ notifications: [PlannedNotification],
        target: OccurrenceTarget?,
        eventClockID: Int64? = nil,
        _ connection: PostgresConnection,
        logger: Logger
    ) async throws -> PlanApplication {
        var result = PlanApplication()
        var inserted: [String: WrittenOccurrence] = [:]
        for row in try await Self.upsertOccurrences(
            occurrences, target: target, eventClockID: eventClockID, connection, logger: logger) {
            if row.inserted { inserted[row.key] = row; result.occurrencesAdded += 1 } else { result.occurrencesUpdated += 1 }
        }
        var (fresh, others): ([PlannedNotification], [PlannedNotification]) = ([], [])
        for notification in notifications {
            if inserted[notification.occurrenceKey] != nil { fresh.append(notification) } else { others.append(notification) }
        }
        result.notificationsAdded += try await Self.insertFresh(fresh, occurrences: inserted, connection, logger: logger)
        if !others.isEmpty {
            let notificationRows = try await connection.query(Self.upsertNotifications(others), logger: logger)
            for try await isNew in notificationRows.decode(Bool.self) {
                if isNew { result.notificationsAdded += 1 } else { result.notificationsRescheduled += 1 }
            }
        }
        // An occurrence this statement inserted has no messages but the plan's own, so only the others can hold
        // messages the plan dropped: a first tick skips the search altogether.
        let existingKeys = occurrences.map(\.key).filter { inserted[$0] == nil }
        guard !existingKeys.isEmpty else { return result }
        result.notificationsCancelled = try await Self.cancelDropped(
            of: existingKeys, keeping: notifications.map(\.key), connection, logger: logger)
        return result
    }

    /// Cancels the pending planned messages of the occurrences `occurrenceKeys` whose keys are not in `keeping`.
    /// Written as `= ANY` and `<> ALL` over the bound arrays rather than `IN (SELECT unnest(…))`: PostgreSQL
    /// estimates an unnest at 10 rows and, with a freshly written table's stale statistics, chose a nested loop
    /// that compared every pending message with every key (a 500-village first tick fell from 33,000 to 1,300
    /// rows/s). An index scan by key and PostgreSQL 15's hashed `<> ALL` stay linear whatever the statistics say.
    static func cancelDropped(
        of occurrenceKeys: [String], keeping notificationKeys: [String], _ connection: PostgresConnection, logger: Logger
    ) async throws -> Int {
        let cancelled = try await connection.query(
            """
            UPDATE outbox SET status = 'cancelled', last_error = 'replanned', updated_at = now()
              FROM occurrences o
             WHERE o.key = ANY(\(occurrenceKeys)::text[])
               AND outbox.occurrence_id = o.id AND outbox.partition_month = o.partition_month AND outbox.status = 'pending'
               AND outbox.kind = ANY(\(Self.plannedKinds)::text[])
               AND outbox.key <> ALL(\(notificationKeys)::text[])
            RETURNING outbox.id
            """,
            logger: logger
        )
        var count = 0
        for try await _ in cancelled.decode(Int64.self) { count += 1 }
        return count
    }

    static func upsertNotifications(_ notifications: [PlannedNotification]) -> PostgresQuery {
        let keys = notifications.map(\.key)
        let occurrenceKeys = notifications.map(\.occurrenceKey)
        let kinds = notifications.map(\.kind.rawValue)
        let steps = notifications.map(\.step)
        let recipients = notifications.map(\.recipientID)
        let roles = notifications.map(\.roleID)
        let channels = notifications.map(\.channel.rawValue)
        let sendAt = notifications.map(\.sendAt)
        // A message cancelled because its occurrence was withdrawn comes back when the occurrence does.
        return """
            INSERT INTO outbox AS x (key, occurrence_id, kind, step, recipient_id, role_id, channel, send_at, partition_month)
            SELECT t.k, o.id, t.kind, t.step, t.r, t.role, t.ch, t.at, o.partition_month
              FROM unnest(\(keys)::text[], \(occurrenceKeys)::text[], \(kinds)::text[], \(steps)::text[],
                          \(recipients)::text[], \(roles)::text[], \(channels)::text[], \(sendAt)::timestamptz[])
                   AS t(k, ok, kind, step, r, role, ch, at)
              JOIN occurrences o ON o.key = t.ok AND o.status = 'open'
            ON CONFLICT (key, partition_month) DO UPDATE
               SET send_at = EXCLUDED.send_at, status = 'pending', last_error = NULL, updated_at = now()
             WHERE x.kind = ANY(\(Self.plannedKinds)::text[])
               AND ((x.status = 'pending' AND x.send_at <> EXCLUDED.send_at)
                OR (x.status = 'cancelled' AND x.last_error IN ('withdrawn', 'replanned')))
            RETURNING (x.created_at = now())
            """
    }
}
