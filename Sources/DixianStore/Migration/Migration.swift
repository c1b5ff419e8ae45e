/// One versioned schema change (数据库迁移), shipped inside the binary.
public struct Migration: Sendable, Hashable {
    public var version: Int
    public var name: String
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// A stable fingerprint of the SQL, recorded when applied, so an edit to an already applied
    /// migration is caught instead of silently diverging between databases.
    public var checksum: String {
        // FNV-1a 64: stable across processes and platforms, unlike Swift's seeded Hasher.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in self.sql.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// What one migration looks like in a given database.
public struct MigrationStatus: Sendable, Hashable {
    public enum State: String, Sendable {
        case applied
        case pending
        /// Applied, but the binary's SQL differs from what was applied.
        case changed
        /// Applied by a newer binary this one does not know.
        case unknown
    }

    public var version: Int
    public var name: String
    public var state: State
    public var appliedAt: String?
}
