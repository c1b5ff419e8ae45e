import DixianScheduling
import NIOCore
import PostgresNIO

extension ScheduleStore {
    /// The generated secret called `name` (32 random bytes), created on first use. Replicas racing to
    /// create it all end up with the first one written.
    public func generatedSecret(named name: String) async throws -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let candidate = ByteBuffer(bytes: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return try await self.run { connection in
            let rows = try await connection.query(
                """
                WITH inserted AS (
                    INSERT INTO generated_secrets (name, value) VALUES (\(name), \(candidate))
                    ON CONFLICT (name) DO NOTHING RETURNING value
                )
                SELECT value FROM inserted UNION ALL SELECT value FROM generated_secrets WHERE name = \(name) LIMIT 1
                """,
                logger: self.logger)
            for try await value in rows.decode(ByteBuffer.self) { return Array(value.readableBytesView) }
            // A replica inserting at the same moment won: its row committed after this statement's snapshot
            // was taken, so only a new statement sees it.
            let winner = try await connection.query(
                "SELECT value FROM generated_secrets WHERE name = \(name)", logger: self.logger)
            for try await value in winner.decode(ByteBuffer.self) { return Array(value.readableBytesView) }
            throw StoreError(.scheduleFailed, "无法生成密钥 (could not create the secret \(name))")
        }
    }
}
