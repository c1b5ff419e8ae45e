import DixianConsole
import Foundation
import PostgresNIO

extension ConsoleStore {
    /// Redeems a sign-in link: marks it used and opens a session, in one transaction. Returns the session's
    /// secret (the cookie's value) or why the link was refused; a refused link changes nothing.
    public func redeem(_ link: SecretToken, at: Date) async throws -> Result<SignIn, Refusal> {
        try await client.withStoreTransaction(failing: Self.failed, "登录失败 (sign-in failed)", logger: logger) { connection in
            let rows = try await connection.query(
                "SELECT official_ids, expires_at, used_at FROM console_sign_in_links WHERE token_hash = \(link.hash) FOR UPDATE",
                logger: logger)
            var found: ([String], Date, Date?)?
            for try await row in rows.decode(([String], Date, Date?).self) { found = row }
            guard let (officialIDs, expiresAt, usedAt) = found else { return .failure(.unknown) }
            if usedAt != nil { return .failure(.used) }
            if expiresAt <= at { return .failure(.expired) }
            try await connection.query(
                "UPDATE console_sign_in_links SET used_at = \(at) WHERE token_hash = \(link.hash)", logger: logger)
            let secret = SecretToken(), csrf = SecretToken()
            try await connection.query(
                """
                INSERT INTO console_sessions (id_hash, official_ids, csrf_token, created_at, last_seen_at)
                VALUES (\(secret.hash), \(officialIDs)::text[], \(csrf.value), \(at), \(at))
                """,
                logger: logger)
            try await Self.audit(
                "console_signed_in", actor: officialIDs[0], channel: "console", at: at,
                details: ["officials": officialIDs.joined(separator: ",")], connection, logger: logger)
            return .success(SignIn(secret: secret, session: Session(officialIDs: officialIDs, csrfToken: csrf.value, createdAt: at)))
        }
    }

    /// The live session of a cookie, nil when unknown, ended, idle past `policy.idleTimeout` or older than
    /// `policy.absoluteLifetime`. Marks it seen at most once a minute: every page reads the session, and an
    /// UPDATE would write a new row version each time even when the value stayed.
    public func session(_ secret: SecretToken, at: Date, policy: SessionPolicy) async throws -> Session? {
        try await client.withStoreConnection(failing: Self.failed, "会话查询失败 (session lookup failed)") { connection in
            let rows = try await connection.query(
                """
                SELECT official_ids, csrf_token, created_at, last_seen_at FROM console_sessions
                 WHERE id_hash = \(secret.hash) AND ended_at IS NULL
                   AND last_seen_at > \(at.addingTimeInterval(-policy.idleTimeout))
                   AND created_at > \(at.addingTimeInterval(-policy.absoluteLifetime))
                """,
                logger: logger)
            var found: (Session, Date)?
            for try await (ids, csrf, created, seen) in rows.decode(([String], String, Date, Date).self) {
                found = (Session(officialIDs: ids, csrfToken: csrf, createdAt: created), seen)
            }
            guard let (session, seen) = found else { return nil }
            if seen < at.addingTimeInterval(-60) {
                try await connection.query(
                    "UPDATE console_sessions SET last_seen_at = \(at) WHERE id_hash = \(secret.hash) AND last_seen_at < \(at)",
                    logger: logger)
            }
            return session
        }
    }

    /// Ends one session (退出登录). Returns whether it was live.
    @discardableResult
    public func signOut(_ secret: SecretToken, at: Date) async throws -> Bool {
        try await client.withStoreTransaction(failing: Self.failed, "退出登录失败 (sign-out failed)", logger: logger) { connection in
            let rows = try await connection.query(
                """
                UPDATE console_sessions SET ended_at = \(at), ended_reason = 'sign_out'
                 WHERE id_hash = \(secret.hash) AND ended_at IS NULL
                RETURNING official_ids
                """,
                logger: logger)
            for try await ids in rows.decode([String].self) {
                try await Self.audit("console_signed_out", actor: ids.first ?? "", channel: "console", at: at, details: [:], connection, logger: logger)
                return true
            }
            return false
        }
    }

    /// Ends every session of these directory rows (在所有设备上退出). Returns how many were not ended yet (expired
    /// ones included: expiry is decided when a session is used, and nothing marks it).
    @discardableResult
    public func signOutEverywhere(officialIDs: [String], actor: String, at: Date) async throws -> Int {
        try await client.withStoreTransaction(failing: Self.failed, "退出登录失败 (sign-out failed)", logger: logger) { connection in
            let rows = try await connection.query(
                """
                WITH ended AS (
                    UPDATE console_sessions SET ended_at = \(at), ended_reason = 'sign_out_everywhere'
                     WHERE official_ids && \(officialIDs)::text[] AND ended_at IS NULL
                    RETURNING 1)
                SELECT count(*)::int8 FROM ended
                """,
                logger: logger)
            var count = 0
            for try await ended in rows.decode(Int.self) { count = ended }
            try await Self.audit(
                "console_signed_out_everywhere", actor: actor, channel: "console", at: at, details: ["sessions": String(count)],
                connection, logger: logger)
            return count
        }
    }
}
