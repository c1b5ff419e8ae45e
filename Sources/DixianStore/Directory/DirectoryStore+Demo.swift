import DixianDirectory
import Foundation
import Logging
import PostgresNIO

extension DirectoryStore {
    /// Imports the demo county when the directory is empty: the daemon calls this at start-up
    /// when it runs on the embedded database, so a fresh install shows real work at once.
    ///
    /// Reads `org_units.csv` and `officials.csv` from `demoDirectory` (normally `config/demo`)
    /// and imports both in one transaction under the import lock, so of several replicas starting
    /// together exactly one imports, and a failure leaves the directory empty for the next start.
    ///
    /// - Returns: the two reports, or nil when the directory was not empty.
    /// - Throws: ``DirectoryError`` when a file is missing or has any issue (the demo must be clean).
    @discardableResult
    public static func importDemoIfEmpty(
        client: PostgresClient,
        demoDirectory: String,
        knownRoles: RoleCatalogue,
        logger: Logger
    ) async throws -> [DirectoryImportReport]? {
        let files = try [DemoCounty.unitsFileName, DemoCounty.officialsFileName].map { name in
            try Self.readFile(demoDirectory.hasSuffix("/") ? demoDirectory + name : demoDirectory + "/" + name)
        }
        let store = DirectoryStore(client: client, logger: logger)
        let reports: [DirectoryImportReport]? = try await store.transaction { connection in
            try await Self.lock(connection, logger: logger)
            guard try await Self.isEmpty(connection, logger: logger) else { return nil }
            var reports: [DirectoryImportReport] = []
            for (bytes, kind) in zip(files, [DirectoryFileKind.units, .officials]) {
                let report = try await Self.importFile(bytes, kind: kind, roles: knownRoles, options: DirectoryImportOptions(), connection, logger: logger)
                if let refusal = report.refusal {
                    let first = (report.plan.fileIssues + report.plan.issues).first.map { ": \($0)" } ?? ""
                    throw DirectoryError(refusal.code, "演示数据 \(kind.rawValue) 无法导入\(first)", context: refusal.context)
                }
                reports.append(report)
            }
            return reports
        }
        if let reports {
            reports.forEach { Self.log($0, logger: logger) }
            logger.info("已导入演示县 (demo county imported)", metadata: ["directory": "\(demoDirectory)"])
        }
        return reports
    }

    /// `importDemoIfEmpty` with bare role ids, as the plugin set lists them.
    @discardableResult
    public static func importDemoIfEmpty(
        client: PostgresClient,
        demoDirectory: String,
        knownRoles: Set<String>,
        logger: Logger
    ) async throws -> [DirectoryImportReport]? {
        try await Self.importDemoIfEmpty(
            client: client, demoDirectory: demoDirectory, knownRoles: RoleCatalogue(ids: knownRoles), logger: logger
        )
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DirectoryError(.missingFile, "找不到文件 (file not found): \(path)", context: ["path": path])
        }
        return Array(data)
    }
}
