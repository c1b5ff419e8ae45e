import Crypto
import DixianCore
import Foundation
import Logging
import PostgresNIO

extension LedgerStore {
    /// The largest evidence file (一问题一档案): a scanned page or a photo.
    public static let evidenceLimit = 10 * 1024 * 1024

    /// Attaches a file to a problem. The same bytes attached again return the existing record.
    public func addEvidence(
        number: String, fileName: String, contentType: String, bytes: [UInt8], entry: LedgerEntry
    ) async throws -> LedgerEvidence {
        guard !bytes.isEmpty, bytes.count <= Self.evidenceLimit else {
            throw StoreError(
                .ledgerRefused, "证明材料须为 1 字节至 10 MiB (evidence must be 1 byte to 10 MiB), 此文件 \(bytes.count) 字节",
                context: ["problem": number, "bytes": "\(bytes.count)"])
        }
        let name = Self.cleanFileName(fileName)
        let sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        return try await transaction { connection in
            let record = try await Self.existing(number, connection, logger: logger)
            let rows = try await connection.query(
                """
                INSERT INTO ledger_evidence (problem_id, file_name, content_type, size_bytes, sha256, content, added_at, added_by)
                VALUES (\(record.id), \(name), \(contentType), \(bytes.count), \(sha256), \(ByteBuffer(bytes: bytes)), \(entry.at), \(entry.actor))
                ON CONFLICT (problem_id, sha256) DO NOTHING
                RETURNING id
                """,
                logger: logger)
            var inserted = false
            for try await _ in rows { inserted = true }
            if inserted {
                try await touch(record.id, entry: entry, connection)
                try await audit(
                    "ledger.evidence", entry, details: ["problem": number, "file": name, "sha256": sha256, "bytes": "\(bytes.count)"],
                    connection)
            }
            return try await Self.evidence(problemID: record.id, connection, logger: logger).first { $0.sha256 == sha256 }!
        }
    }

    /// A problem's evidence files, oldest first.
    public func evidence(number: String) async throws -> [LedgerEvidence] {
        try await run { connection in
            guard let record = try await Self.problem(number: number, lock: false, connection, logger: logger) else {
                throw StoreError(.problemNotFound, "没有编号为 \(number) 的整改问题 (no such problem)", context: ["problem": number])
            }
            return try await Self.evidence(problemID: record.id, connection, logger: logger)
        }
    }

    /// One evidence file with its bytes; nil when the problem has no file with that id.
    public func evidenceContent(number: String, id: Int64) async throws -> (LedgerEvidence, [UInt8])? {
        try await run { connection in
            let rows = try await connection.query(
                """
                SELECT e.id, e.file_name, e.content_type, e.size_bytes, e.sha256, e.added_at, e.added_by, e.content
                  FROM ledger_evidence e JOIN ledger_problems p ON p.id = e.problem_id
                 WHERE p.problem_number = \(number) AND e.id = \(id)
                """,
                logger: logger)
            for try await row in rows {
                let columns = row.makeRandomAccess()
                let content = try columns[7].decode(ByteBuffer.self)
                return (try Self.decodeEvidence(columns), Array(content.readableBytesView))
            }
            return nil
        }
    }

    static func evidence(problemID: Int64, _ connection: PostgresConnection, logger: Logger) async throws -> [LedgerEvidence] {
        let rows = try await connection.query(
            """
            SELECT id, file_name, content_type, size_bytes, sha256, added_at, added_by FROM ledger_evidence
             WHERE problem_id = \(problemID) ORDER BY id
            """,
            logger: logger)
        var result: [LedgerEvidence] = []
        for try await row in rows { result.append(try decodeEvidence(row.makeRandomAccess())) }
        return result
    }

    static func decodeEvidence(_ columns: PostgresRandomAccessRow) throws -> LedgerEvidence {
        LedgerEvidence(
            id: try columns[0].decode(Int64.self), fileName: try columns[1].decode(String.self),
            contentType: try columns[2].decode(String.self), size: Int(try columns[3].decode(Int32.self)),
            sha256: try columns[4].decode(String.self), addedAt: try columns[5].decode(Date.self), addedBy: try columns[6].decode(String.self))
    }

    /// The file's own name, without folders or control characters, at most 200 characters (`证明.pdf` stays).
    static func cleanFileName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init)).trimmingCharacters(in: .whitespaces)
        return clean.isEmpty ? "证明材料" : String(clean.prefix(200))
    }
}
