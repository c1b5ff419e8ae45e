import Crypto
import DixianCore
import Foundation
import Logging
import PostgresNIO

/// Bureau overrides of their plugins in PostgreSQL (覆盖配置): every version kept, written by the sector's bureau
/// (`bureau_contact`, `bureau_head`) or the county office, approved or rejected by the county office, never by
/// the one who wrote it. Each write is one transaction with its audit entry; an approval is announced on
/// ``notificationChannel`` so that every replica reloads.
///
/// The store checks who may act and in which state; whether the text is a valid override is the plugin loader's
/// question, which the caller asks before ``propose(pluginID:body:pluginHash:entry:)`` and again before
/// ``decide(pluginID:version:approve:comment:entry:)``.
public struct PluginOverrideStore: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    /// The `NOTIFY` channel of approvals; the payload is `<plugin id>:<version>`.
    public static let notificationChannel = "dixian_plugin_overrides"

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The approved version of every plugin that has one, for the loader.
    public func approved() async throws -> [OverrideVersion] {
        try await run { connection in
            try await Self.decode(connection.query(
                "SELECT \(unescaped: Self.columns) FROM plugin_overrides WHERE state = 'approved' ORDER BY plugin_id", logger: logger))
        }
    }

    /// Every version of a plugin's override, newest first.
    public func history(pluginID: String) async throws -> [OverrideVersion] {
        try await run { connection in
            try await Self.decode(connection.query(
                "SELECT \(unescaped: Self.columns) FROM plugin_overrides WHERE plugin_id = \(pluginID) ORDER BY version DESC",
                logger: logger))
        }
    }

    /// The number the plugin's next version will get, for checking a text under it before proposing it.
    public func nextVersion(pluginID: String) async throws -> Int {
        try await run { connection in
            let rows = try await connection.query(
                "SELECT coalesce(max(version), 0) + 1 FROM plugin_overrides WHERE plugin_id = \(pluginID)", logger: logger)
            for try await next in rows.decode(Int.self) { return next }
            return 1
        }
    }

    /// One version, nil when there is none.
    public func version(pluginID: String, version: Int) async throws -> OverrideVersion? {
        try await run { connection in
            try await Self.decode(connection.query(
                "SELECT \(unescaped: Self.columns) FROM plugin_overrides WHERE plugin_id = \(pluginID) AND version = \(version)",
                logger: logger)).first
        }
    }

    /// Stores `body` as the plugin's next version, pending approval. Refused unless `entry.actor` is an active
    /// official of the county office or of the plugin's own bureau.
    public func propose(pluginID: String, body: String, pluginHash: String, entry: OverrideEntry) async throws -> OverrideVersion {
        try await transaction { connection in
            guard try await Self.mayWrite(entry.actor, pluginID: pluginID, connection, logger: logger) else {
                throw StoreError(
                    .overrideRefused,
                    "\(entry.actor) 不是县乡村振兴局或本行业部门的联络人、负责人,不能修改 \(pluginID) 的覆盖配置 (only the county office or the sector's bureau may write this override)")
            }
            // Version numbers are per plugin: one writer at a time takes the next.
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\("plugin_overrides:" + pluginID)))", logger: logger)
            let created = try await Self.decode(connection.query(
                """
                INSERT INTO plugin_overrides (plugin_id, version, body, plugin_hash, state, created_by, created_at, created_channel)
                SELECT \(pluginID), coalesce(max(version), 0) + 1, \(body), \(pluginHash), 'pending', \(entry.actor), \(entry.at), \(entry.channel)
                  FROM plugin_overrides WHERE plugin_id = \(pluginID)
                RETURNING \(unescaped: Self.columns)
                """, logger: logger))[0]
            let live = try await Self.decode(connection.query(
                "SELECT \(unescaped: Self.columns) FROM plugin_overrides WHERE plugin_id = \(pluginID) AND state = 'approved'", logger: logger)).first
            try await audit("plugin_override_proposed", created, entry: entry, details: [
                "sha256": SHA256.hash(data: Data(body.utf8)).map { String(format: "%02x", $0) }.joined(),
                "diff": Self.changedLines(from: live?.body ?? "", to: body), "against": live.map { String($0.version) } ?? "plugin",
            ], connection)
            return created
        }
    }

    /// Approves (making it live, the previous live version superseded) or rejects a pending version. Only the
    /// county office decides, and never on a version its own official wrote.
    public func decide(pluginID: String, version: Int, approve: Bool, comment: String?, entry: OverrideEntry) async throws -> OverrideVersion {
        try await transaction { connection in
            let found = try await Self.decode(connection.query(
                "SELECT \(unescaped: Self.columns) FROM plugin_overrides WHERE plugin_id = \(pluginID) AND version = \(version) FOR UPDATE",
                logger: logger)).first
            guard let found else {
                throw StoreError(.overrideNotFound, "\(pluginID) 没有第 \(version) 版覆盖配置 (no such override version)")
            }
            guard found.state == .pending else {
                throw StoreError(.overrideRefused, "第 \(version) 版已是「\(found.state.title)」,只能审批待审批的版本 (only a pending version can be decided)")
            }
            guard try await Self.isCountyOffice(entry.actor, connection, logger: logger) else {
                throw StoreError(.overrideRefused, "只有县乡村振兴局可以审批覆盖配置 (only the county office decides)")
            }
            guard found.createdBy != entry.actor else {
                throw StoreError(.overrideRefused, "不能审批自己提交的版本 (nobody decides on their own version)")
            }
            // The audit entry shows what the decision was about: the version's lines against the live one.
            let live = try await Self.decode(connection.query(
                "SELECT \(unescaped: Self.columns) FROM plugin_overrides WHERE plugin_id = \(pluginID) AND state = 'approved'", logger: logger)).first
            let details = [
                "comment": comment ?? "", "diff": Self.changedLines(from: live?.body ?? "", to: found.body),
                "against": live.map { String($0.version) } ?? "plugin",
            ]
            if approve {
                try await connection.query(
                    "UPDATE plugin_overrides SET state = 'superseded' WHERE plugin_id = \(pluginID) AND state = 'approved'", logger: logger)
            }
            let decided = try await Self.decode(connection.query(
                """
                UPDATE plugin_overrides
                   SET state = \(approve ? "approved" : "rejected"), decided_by = \(entry.actor), decided_at = \(entry.at),
                       decision_comment = \(comment)
                 WHERE plugin_id = \(pluginID) AND version = \(version)
                RETURNING \(unescaped: Self.columns)
                """, logger: logger))[0]
            try await audit(approve ? "plugin_override_approved" : "plugin_override_rejected", decided, entry: entry, details: details, connection)
            if approve {
                // Delivered at commit, to every replica listening.
                try await connection.query("SELECT pg_notify(\(Self.notificationChannel), \("\(pluginID):\(version)"))", logger: logger)
            }
            return decided
        }
    }
}

extension PluginOverrideStore {
    /// The lines a version adds and removes against another (`+`/`-`, unchanged lines left out), for the audit log.
    static func changedLines(from old: String, to new: String) -> String {
        LineDiff.lines(from: old, to: new).filter {
            if case .same = $0 { return false }
            return true
        }.map(\.description).joined(separator: "\n")
    }
}

extension StoreError.Code {
    /// An override query or write failed in PostgreSQL.
    public static let overrideFailed = StoreError.Code(description: "override_failed")
    /// No such override version.
    public static let overrideNotFound = StoreError.Code(description: "override_not_found")
    /// The act was refused: not the official's to take, or not in the version's state.
    public static let overrideRefused = StoreError.Code(description: "override_refused")
}
