import DixianConsole
import DixianDirectory
import Foundation
import Logging
import PostgresNIO

/// The console's credentials in PostgreSQL (工作台会话): sign-in links, sessions and their audit. Every replica
/// reads the same rows, so a session made on one works on all and a sign-out ends it everywhere at once.
public struct ConsoleStore: Sendable {
    /// A live session: who, and the CSRF token its forms carry.
    public struct Session: Sendable, Hashable {
        public var officialIDs: [String]
        public var csrfToken: String
        public var createdAt: Date
    }

    /// A session just opened: the secret for the cookie (never stored) and the session.
    public struct SignIn: Sendable, Hashable {
        public var secret: SecretToken
        public var session: Session
    }

    /// Why a sign-in link was refused; the page says the same for each, so nothing is learnt by guessing.
    public enum Refusal: Error, Sendable, Hashable {
        case unknown, expired, used
    }

    /// The sign-in email a link is sent with, composed by the caller (the daemon knows channels and templates).
    public struct SignInMail: Sendable {
        public var recipientID: String
        public var channel: String
        /// A ``DixianDispatch/PreparedNotice`` payload.
        public var payload: String

        public init(recipientID: String, channel: String, payload: String) {
            self.recipientID = recipientID
            self.channel = channel
            self.payload = payload
        }
    }

    public static let failed = StoreError.Code(description: "console_failed")
    public static let unknownOfficial = StoreError.Code(description: "console_unknown_official")

    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The active directory rows of an email address (case-insensitive), empty for an unknown one.
    public func officials(email: String) async throws -> [Official] {
        try await client.withStoreConnection(failing: Self.failed, "工作台查询失败 (console query failed)") { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: DirectoryStore.officialColumns)
                  FROM officials o LEFT JOIN bureaus b ON b.id = o.bureau_id
                 WHERE lower(o.email) = lower(\(email)) AND o.active
                 ORDER BY o.id
                """,
                logger: logger)
            return try await DirectoryStore.decodeOfficials(rows)
        }
    }

    /// The directory rows of a session, active or not (the caller's scope keeps only active ones).
    public func officials(ids: [String]) async throws -> [Official] {
        try await client.withStoreConnection(failing: Self.failed, "工作台查询失败 (console query failed)") { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: DirectoryStore.officialColumns)
                  FROM officials o LEFT JOIN bureaus b ON b.id = o.bureau_id
                 WHERE o.id = ANY(\(ids)::text[])
                 ORDER BY o.id
                """,
                logger: logger)
            return try await DirectoryStore.decodeOfficials(rows)
        }
    }

    /// Makes a sign-in link for `officialIDs`, valid `lifetime` from `at`, for the operator to hand over
    /// (`dixian console link`). Audited as `console_link_issued`.
    public func issueSignInLink(
        officialIDs: [String], at: Date, lifetime: TimeInterval, actor: String, channel: String
    ) async throws -> SecretToken {
        let token = SecretToken()
        try await store(token, officialIDs: officialIDs, at: at, lifetime: lifetime, actor: actor, channel: channel, mail: nil)
        return token
    }

    /// Makes a sign-in link and queues the email `compose` makes of it, in one transaction. Returns false, storing
    /// nothing, when `compose` finds no way to email the official: a link nobody receives would only wait unused.
    public func mailSignInLink(
        officialIDs: [String], at: Date, lifetime: TimeInterval, actor: String, channel: String,
        compose: (SecretToken) throws -> SignInMail?
    ) async throws -> Bool {
        let token = SecretToken()
        guard let mail = try compose(token) else { return false }
        try await store(token, officialIDs: officialIDs, at: at, lifetime: lifetime, actor: actor, channel: channel, mail: mail)
        return true
    }

    private func store(
        _ token: SecretToken, officialIDs: [String], at: Date, lifetime: TimeInterval, actor: String, channel: String,
        mail: SignInMail?
    ) async throws {
        try await client.withStoreTransaction(failing: Self.failed, "登录链接生成失败 (sign-in link not made)", logger: logger) {
            connection in
            try await connection.query(
                """
                INSERT INTO console_sign_in_links (token_hash, official_ids, created_at, expires_at)
                VALUES (\(token.hash), \(officialIDs)::text[], \(at), \(at.addingTimeInterval(lifetime)))
                """,
                logger: logger)
            if let mail {
                // Each link is its own digest so it never merges with another notice.
                let key = "notice/console_sign_in/\(token.hash.prefix(16))"
                try await connection.query(
                    """
                    INSERT INTO outbox (key, kind, step, recipient_id, channel, send_at, digest_key, payload, partition_month)
                    VALUES (\(key), 'notice', 'console_sign_in', \(mail.recipientID), \(mail.channel), \(at), \(key),
                            \(mail.payload)::jsonb, send_month(\(at)))
                    """,
                    logger: logger)
            }
            try await Self.audit(
                "console_link_issued", actor: actor, channel: channel, at: at,
                details: ["officials": officialIDs.joined(separator: ","), "emailed": mail == nil ? "false" : "true"],
                connection, logger: logger)
        }
    }

    static func audit(
        _ action: String, actor: String, channel: String, at: Date, details: [String: String], _ connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: details, options: [.sortedKeys]), as: UTF8.self)
        try await connection.query(
            """
            INSERT INTO audit_log (at, actor, channel, action, details)
            VALUES (\(at), \(actor), \(channel), \(action), \(json)::jsonb)
            """,
            logger: logger)
    }
}
