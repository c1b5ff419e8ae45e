import DixianScheduling
import Logging
import PostgresNIO

/// The schedule in PostgreSQL: occurrences (一期任务), their planned reminders and escalations in the
/// outbox, completions and waivers with their audit trail, and event clocks.
///
/// The pure planner (`DixianScheduling`) decides *what* should exist; this type makes the database
/// agree with it, idempotently: every row has a deterministic key, so applying the same plan again,
/// from another replica or after a crash, writes nothing new. Every value is a bound parameter.
public struct ScheduleStore: Sendable {
    /// Held (session level, on a dedicated connection) by the one replica that runs planning ticks:
    /// "dixian" in ASCII plus 3.
    public static let plannerLockKey: Int64 = 0x0064_6978_6961_6E03

    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    func run<R: Sendable>(_ body: (PostgresConnection) async throws -> R) async throws -> R {
        try await self.client.withStoreConnection(failing: .scheduleFailed, "任务计划查询失败 (schedule query failed)", body)
    }

    func transaction<R: Sendable>(_ body: (PostgresConnection) async throws -> R) async throws -> R {
        try await self.client.withStoreTransaction(
            failing: .scheduleFailed, "任务计划写入失败 (schedule write failed)", logger: self.logger, body)
    }
}

extension StoreError.Code {
    /// A schedule query or write failed in PostgreSQL.
    public static let scheduleFailed = StoreError.Code(description: "schedule_failed")
    /// No occurrence with that id.
    public static let occurrenceNotFound = StoreError.Code(description: "occurrence_not_found")
    /// The occurrence is already done, waived, withdrawn or not applicable.
    public static let occurrenceClosed = StoreError.Code(description: "occurrence_closed")
    /// The occurrence has not opened yet: it accepts no confirmation.
    public static let occurrenceNotOpen = StoreError.Code(description: "occurrence_not_open")
    /// The official named as the actor does not exist.
    public static let unknownOfficial = StoreError.Code(description: "unknown_official")
    /// A signed link was already used.
    public static let linkUsed = StoreError.Code(description: "link_used")
}
