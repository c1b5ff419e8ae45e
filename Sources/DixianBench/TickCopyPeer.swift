import Foundation

/// `psql \copy` of the rows a first tick wrote, side by side with the tick (issue 17's peer for first writes).
///
/// The tick's occurrences and messages are exported to files, then loaded by `psql \copy` twice: into plain
/// tables with only the key (the raw rate of this machine's PostgreSQL), and into copies of the real tables
/// with every index, check and foreign key (what the same rows cost in dixian's schema, before any upsert).
struct TickCopyPeer {
    /// Seconds and rows of one load of both tables.
    struct Load: Sendable {
        var rows = 0
        var seconds = 0.0
        var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }
    }

    let psql: PsqlCopy
    let directory: String

    static let occurrenceColumns = [
        "id", "key", "duty_id", "unit_code", "official_id", "period_key", "period_label", "nominal_due_date", "due_date",
        "due_at", "opens_at", "unassigned", "partition_month",
    ]
    static let outboxColumns = [
        "id", "key", "occurrence_id", "kind", "step", "recipient_id", "role_id", "channel", "send_at", "partition_month",
    ]

    /// Exports, loads into plain tables, then into full copies; drops the peer tables afterwards.
    func measure(rows: Int) throws -> (plain: Load, schema: Load) {
        let occurrences = (directory as NSString).appendingPathComponent("peer-occurrences.copy")
        let outbox = (directory as NSString).appendingPathComponent("peer-outbox.copy")
        defer {
            try? FileManager.default.removeItem(atPath: occurrences)
            try? FileManager.default.removeItem(atPath: outbox)
        }
        try psql.export("SELECT \(Self.occurrenceColumns.joined(separator: ", ")) FROM occurrences ORDER BY id", to: occurrences)
        try psql.export("SELECT \(Self.outboxColumns.joined(separator: ", ")) FROM outbox ORDER BY id", to: outbox)
        try psql.run(
            """
            CREATE TABLE peer_plain_occurrences (LIKE occurrences INCLUDING DEFAULTS);
            ALTER TABLE peer_plain_occurrences ADD UNIQUE (key);
            CREATE TABLE peer_plain_outbox (LIKE outbox INCLUDING DEFAULTS);
            ALTER TABLE peer_plain_outbox ADD UNIQUE (key);
            CREATE TABLE peer_occurrences (LIKE occurrences INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
            ALTER TABLE peer_occurrences ADD FOREIGN KEY (unit_code) REFERENCES org_units (code),
                                         ADD FOREIGN KEY (official_id) REFERENCES officials (id);
            CREATE TABLE peer_outbox (LIKE outbox INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
            ALTER TABLE peer_outbox ADD FOREIGN KEY (recipient_id) REFERENCES officials (id);
            """)
        defer { _ = try? psql.run("DROP TABLE peer_outbox, peer_occurrences, peer_plain_outbox, peer_plain_occurrences") }
        let plain = try load(occurrences, outbox, prefix: "peer_plain_", rows: rows)
        let schema = try load(occurrences, outbox, prefix: "peer_", rows: rows)
        return (plain, schema)
    }

    private func load(_ occurrences: String, _ outbox: String, prefix: String, rows: Int) throws -> Load {
        let first = try psql.copy(textFile: occurrences, into: prefix + "occurrences", columns: Self.occurrenceColumns)
        let second = try psql.copy(textFile: outbox, into: prefix + "outbox", columns: Self.outboxColumns)
        return Load(rows: rows, seconds: (first + second).timeInterval)
    }
}
