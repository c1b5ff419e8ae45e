import DixianCore
import DixianDispatch
import Foundation
import PostgresNIO

/// The claim's two queries as prepared statements (预备语句): each connection plans them once, not every claim.
///
/// A claim's query names every month of the outbox (the due rows may be in any), so a plan made for its values
/// prunes nothing a generic plan keeps; yet planning it over 21 month partitions took 7.7 ms a claim with digests
/// on, most of a reminder's latency at low load. Their SQL is the builders' own (``OutboxStore/dueQuery(_:)`` and
/// ``OutboxStore/dueWithCompanionsQuery(_:reach:)``), taken once from a sample request: only the bound values
/// differ from claim to claim. Run them inside ``OutboxStore/withClaimPlanning(_:logger:_:)``.
extension OutboxStore {
    /// The due messages alone.
    struct DueStatement: PostgresPreparedStatement {
        static let sql = OutboxStore.dueQuery(.sample).sql
        let request: OutboxClaimRequest

        func makeBindings() throws -> PostgresBindings { OutboxStore.dueQuery(request).binds }
        func decodeRow(_ row: PostgresRow) throws -> OutboxMessage { try OutboxStore.decodeMessage(row) }
    }

    /// The due messages with their digest companions.
    struct DueWithCompanionsStatement: PostgresPreparedStatement {
        static let sql = OutboxStore.dueWithCompanionsQuery(.sample, reach: 1).sql
        let request: OutboxClaimRequest
        let reach: Int

        func makeBindings() throws -> PostgresBindings { OutboxStore.dueWithCompanionsQuery(request, reach: reach).binds }
        func decodeRow(_ row: PostgresRow) throws -> OutboxMessage { try OutboxStore.decodeMessage(row) }
    }

    /// The rows a claim locks, through the statement its request needs.
    static func lockDue(
        _ request: OutboxClaimRequest, reach: Int, _ connection: PostgresConnection, logger: Logger
    ) async throws -> [OutboxMessage] {
        var messages: [OutboxMessage] = []
        if request.companionLimit == 0 {
            for try await message in try await connection.execute(DueStatement(request: request), logger: logger) {
                messages.append(message)
            }
        } else {
            for try await message in try await connection.execute(
                DueWithCompanionsStatement(request: request, reach: reach), logger: logger)
            {
                messages.append(message)
            }
        }
        return messages
    }
}

extension OutboxClaimRequest {
    /// Any request: its values are never sent, only the SQL its queries are written as.
    fileprivate static let sample = OutboxClaimRequest(
        channel: ChannelName("sample"), groupsAllRecipients: false, now: Date(timeIntervalSince1970: 0), limit: 1,
        digestWindow: 1, digestMaxItems: 1, lease: 1, claimer: "sample")
}
