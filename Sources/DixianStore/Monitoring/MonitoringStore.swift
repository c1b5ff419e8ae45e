import DixianCore
import DixianMonitoring
import Foundation
import Logging
import PostgresNIO

/// The monitoring procedure (防止返贫动态监测和帮扶) in PostgreSQL: signals and their verification, cases and
/// their append-only step log, helpers, measures, and the clocks the steps start, meet and stop.
///
/// Each step is one transaction: the case row is locked, its log replayed through DixianMonitoring's
/// ``MonitoringCase``, the step checked there, and the step, its actions (register, clocks, helper) and the
/// audit entry written together — or nothing is, and the error says why.
public struct MonitoringStore: Sendable {
    public let client: PostgresClient
    public let logger: Logger
    /// The approval chains and the clock duties, from the governance plugin.
    public let procedure: ProcedureSettings

    public init(client: PostgresClient, logger: Logger, procedure: ProcedureSettings = ProcedureSettings()) {
        self.client = client
        self.logger = logger
        self.procedure = procedure
    }

    func run<R: Sendable>(_ body: (PostgresConnection) async throws -> R) async throws -> R {
        try await client.withStoreConnection(failing: .monitoringFailed, "监测帮扶查询失败 (monitoring query failed)", body)
    }

    func transaction<R: Sendable>(_ body: (PostgresConnection) async throws -> R) async throws -> R {
        try await client.withStoreTransaction(
            failing: .monitoringFailed, "监测帮扶记录写入失败 (monitoring write failed)", logger: logger, body)
    }
}

/// What the procedure takes from the governance plugin.
public struct ProcedureSettings: Sendable, Hashable {
    /// 纳入审批 (default 村级评议 → 乡镇审核 → 县级审定).
    public var inclusionChain: ApprovalChain
    /// 风险消除审批.
    public var eliminationChain: ApprovalChain
    /// The duty the help plan and helper meet (the 10-day clock).
    public var helpPlanDutyID: String
    /// The duty the measures in place meet (the 30-day clock).
    public var measuresDutyID: String

    public init(
        inclusionChain: ApprovalChain = .standard, eliminationChain: ApprovalChain = .standard,
        helpPlanDutyID: String = "governance.help_plan_within_deadline",
        measuresDutyID: String = "governance.measures_within_deadline"
    ) {
        self.inclusionChain = inclusionChain
        self.eliminationChain = eliminationChain
        self.helpPlanDutyID = helpPlanDutyID
        self.measuresDutyID = measuresDutyID
    }
}

/// Through which way a step came (录入渠道), as the audit log records it.
public enum ProcedureChannel: String, Sendable, Hashable, CaseIterable, Codable {
    /// `dixian signal|case …`.
    case cli
    /// The token-protected API.
    case http
    /// A signed-link form from a reminder email.
    case link
    /// The public self-declaration form (农户自主申报).
    case `public`
    /// Screening (sector alerts).
    case screener
    /// The web console (工作台).
    case console

    /// The occurrence completion channel a step meeting a clock records (occurrences know three).
    var completionChannel: String {
        switch self {
        case .http, .link, .console: rawValue
        default: "cli"
        }
    }
}

/// Who entered a step, when, and when it took effect (录入与生效): a visit on Monday entered on Wednesday
/// is effective on Monday, and the clocks count from Monday.
public struct CaseEntry: Sendable, Hashable {
    /// An official's directory id, or for the CLI without `--by` the operator's name.
    public var actor: String
    public var channel: ProcedureChannel
    /// The local date it happened.
    public var effectiveOn: CalendarDate
    /// The instant it happened: now for today, noon of an earlier day (a clock met that day counts as met then).
    public var effectiveAt: Date
    /// When it was entered.
    public var enteredAt: Date
    /// The signed link the step came through: used up in the step's own transaction, so a link records once.
    public var link: LinkUse?

    public init(
        actor: String, channel: ProcedureChannel, effectiveOn: CalendarDate, effectiveAt: Date, enteredAt: Date, link: LinkUse? = nil
    ) {
        self.actor = actor
        self.channel = channel
        self.effectiveOn = effectiveOn
        self.effectiveAt = effectiveAt
        self.enteredAt = enteredAt
        self.link = link
    }

    /// A signed link's nonce, expiry and occurrence.
    public struct LinkUse: Sendable, Hashable {
        public var nonce: String
        public var expiresAt: Date
        public var occurrenceID: Int64

        public init(nonce: String, expiresAt: Date, occurrenceID: Int64) {
            self.nonce = nonce
            self.expiresAt = expiresAt
            self.occurrenceID = occurrenceID
        }
    }

    /// Uses up the link, if there is one; a used link refuses the step.
    func useLink(_ connection: PostgresConnection, logger: Logger) async throws {
        guard let link else { return }
        try await ScheduleStore.useLink(
            link.nonce, expiresAt: link.expiresAt, occurrenceID: link.occurrenceID, at: enteredAt, connection, logger: logger)
    }
}

extension StoreError.Code {
    /// A monitoring query or write failed in PostgreSQL.
    public static let monitoringFailed = StoreError.Code(description: "monitoring_failed")
    /// No signal or case with that id.
    public static let caseNotFound = StoreError.Code(description: "case_not_found")
    /// The procedure refused the step (the context's `rule` names the MonitoringError code).
    public static let stepRefused = StoreError.Code(description: "step_refused")
}

extension StoreError {
    /// A refusal of the procedure's rules, unchanged in meaning.
    init(refusal: MonitoringError, context: [String: String] = [:]) {
        self.init(.stepRefused, refusal.message, context: context.merging(["rule": refusal.code.rawValue]) { $1 })
    }
}
