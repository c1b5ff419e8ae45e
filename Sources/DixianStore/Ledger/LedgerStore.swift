import DixianCore
import DixianReports
import Foundation
import Logging
import PostgresNIO

/// The rectification ledger (问题排查整改台账) in PostgreSQL: problems of a campaign, their append-only progress
/// (整改进展) and their evidence files (一问题一档案). Every write is one transaction with its audit entry.
public struct LedgerStore: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    func run<R: Sendable>(_ body: (PostgresConnection) async throws -> R) async throws -> R {
        try await client.withStoreConnection(failing: .ledgerFailed, "整改台账查询失败 (ledger query failed)", body)
    }

    func transaction<R: Sendable>(_ body: (PostgresConnection) async throws -> R) async throws -> R {
        try await client.withStoreTransaction(failing: .ledgerFailed, "整改台账写入失败 (ledger write failed)", logger: logger, body)
    }

    func audit(_ action: String, _ entry: LedgerEntry, details: [String: String], _ connection: PostgresConnection) async throws {
        try await ScheduleStore.audit(
            action, nil, actor: entry.actor, channel: entry.channel.rawValue, at: entry.at, details: details, connection, logger: logger)
    }
}

/// Who wrote to the ledger, how and when.
public struct LedgerEntry: Sendable, Hashable {
    /// How an entry came in; progress read from a sheet is marked `import` on the entry itself.
    public enum Channel: String, Sendable, Hashable {
        case cli, http, link, console
    }

    /// An official's directory id, or the operator's name for the CLI without `--by`.
    public var actor: String
    public var channel: Channel
    public var at: Date

    public init(actor: String, channel: Channel, at: Date) {
        self.actor = actor
        self.channel = channel
        self.at = at
    }
}

extension StoreError.Code {
    /// A ledger query or write failed in PostgreSQL.
    public static let ledgerFailed = StoreError.Code(description: "ledger_failed")
    /// No problem (or evidence file) with that number.
    public static let problemNotFound = StoreError.Code(description: "problem_not_found")
    /// The write was refused: a duplicate problem, an evidence file too large, a bad value.
    public static let ledgerRefused = StoreError.Code(description: "ledger_refused")
}
