import DixianDirectory
import Logging
import PostgresNIO

/// The org directory (组织架构/联系人) in PostgreSQL: org units, bureaus and officials.
///
/// Imports plan with the pure ``DirectoryImporter`` and write in one transaction, so a file is
/// applied whole or not at all; upserts compare before they write, so re-importing the same file
/// changes nothing (not even `updated_at`). Every value is a bound parameter.
///
/// Emails and mobiles are personal data: this type never logs them; at info level it logs counts.
public struct DirectoryStore: Sendable {
    /// Serialises imports across replicas and CLI runs, so each checks the rows it writes
    /// against a directory nobody else is changing: "dixian" in ASCII plus 2.
    public static let importLockKey: Int64 = 0x0064_6978_6961_6E02

    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Whether the directory holds no org unit and no official.
    public func isEmpty() async throws -> Bool {
        try await self.run { connection in
            try await Self.isEmpty(connection, logger: self.logger)
        }
    }

    /// The codes of every stored unit.
    public func snapshot() async throws -> DirectorySnapshot {
        try await self.run { connection in
            try await Self.snapshot(connection, logger: self.logger)
        }
    }

    /// Plans the import of one file and, unless refused or a dry run, applies it — all in one
    /// transaction under ``importLockKey``.
    ///
    /// A refused plan (bad rows without `skipInvalid`, or a bad header/encoding) is returned, not
    /// thrown: the report lists every issue and ``DirectoryImportReport/applied`` is false.
    public func importFile(
        _ bytes: [UInt8],
        kind: DirectoryFileKind? = nil,
        roles: RoleCatalogue,
        options: DirectoryImportOptions = DirectoryImportOptions()
    ) async throws -> DirectoryImportReport {
        let logger = self.logger
        let report = try await self.transaction { connection in
            try await Self.lock(connection, logger: logger)
            return try await Self.importFile(bytes, kind: kind, roles: roles, options: options, connection, logger: logger)
        }
        Self.log(report, logger: logger)
        return report
    }

    /// Imports the plan of one file on a connection inside a transaction the caller holds.
    static func importFile(
        _ bytes: [UInt8],
        kind: DirectoryFileKind?,
        roles: RoleCatalogue,
        options: DirectoryImportOptions,
        _ connection: PostgresConnection,
        logger: Logger
    ) async throws -> DirectoryImportReport {
        let snapshot = try await Self.snapshot(connection, logger: logger)
        let plan = DirectoryImporter(roles: roles, snapshot: snapshot).plan(bytes: bytes, kind: kind)
        if let refusal = plan.refusal(skipInvalid: options.skipInvalid) {
            return DirectoryImportReport(plan: plan, applied: false, refusal: refusal)
        }
        if options.dryRun {
            return DirectoryImportReport(plan: plan, applied: false)
        }
        let changes = try await Self.apply(plan, connection, logger: logger)
        return DirectoryImportReport(plan: plan, applied: true, changes: changes)
    }

    static func lock(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(Self.importLockKey))", logger: logger)
    }

    static func isEmpty(_ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query(
            "SELECT NOT EXISTS (SELECT 1 FROM org_units) AND NOT EXISTS (SELECT 1 FROM officials)", logger: logger
        )
        for try await empty in rows.decode(Bool.self) { return empty }
        return true
    }

    static func snapshot(_ connection: PostgresConnection, logger: Logger) async throws -> DirectorySnapshot {
        let rows = try await connection.query("SELECT code FROM org_units", logger: logger)
        var codes: Set<DivisionCode> = []
        for try await code in rows.decode(String.self) {
            // The table's CHECK guarantees the shape; a failure here means a schema drift.
            codes.insert(try DivisionCode(validating: code))
        }
        return DirectorySnapshot(unitCodes: codes)
    }

    static func log(_ report: DirectoryImportReport, logger: Logger) {
        let metadata: Logger.Metadata = [
            "kind": "\(report.plan.kind.rawValue)",
            "rows": "\(report.plan.rowCount)",
            "invalid_rows": "\(report.plan.invalidLines.count)",
            "inserted": "\(report.changes.inserted)",
            "updated": "\(report.changes.updated)",
            "unchanged": "\(report.changes.unchanged)",
            "applied": "\(report.applied)",
        ]
        if report.applied {
            logger.info("组织目录已导入 (directory imported)", metadata: metadata)
        } else {
            logger.notice("组织目录未导入 (directory not imported)", metadata: metadata)
        }
    }

    /// Runs `body` on a pooled connection, with PostgreSQL errors made readable.
    func run<R: Sendable>(_ body: (PostgresConnection) async throws -> R) async throws -> R {
        try await self.client.withStoreConnection(failing: .directoryFailed, "组织目录操作失败 (directory query failed)", body)
    }

    /// Runs `body` in a transaction; the caller's own errors come back unwrapped.
    func transaction<R: Sendable>(_ body: (PostgresConnection) async throws -> R) async throws -> R {
        try await self.client.withStoreTransaction(
            failing: .directoryFailed, "组织目录写入失败 (directory write failed)", logger: self.logger, body)
    }
}

extension StoreError.Code {
    /// A directory query or import failed in PostgreSQL.
    public static let directoryFailed = StoreError.Code(description: "directory_failed")
}
