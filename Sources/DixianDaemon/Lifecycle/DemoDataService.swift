import DixianDatasets
import DixianScheduling
import DixianStore
import Foundation
import ServiceLifecycle

/// On the embedded database, an empty register gets the demo county's synthetic register and sector data of
/// `config/demo/` (moved to the current month), so a newcomer's `swift run dixian serve` screens and raises
/// alerts within its first minutes.
///
/// It runs next to the other services rather than before them: the import, its screenings and some 8,000
/// verification clocks take a minute or more, and the daemon answers health checks and sends reminders
/// meanwhile. Shutdown cancels it; each file is one transaction, so a cut import leaves whole files only, and
/// the next start sees a non-empty register and leaves it be. A county's own database never gets demo data;
/// a failure never stops the daemon.
struct DemoDataService: Service {
    /// `DIXIAN_DEMO_DATA=off` keeps the demo register out (the test suite's daemons, which bring their own data).
    static let switchVariable = "DIXIAN_DEMO_DATA"
    static let directory = "config/demo"

    let context: DaemonContext

    /// Nil when there is nothing to import: not the embedded database, switched off, or no demo files here.
    init?(context: DaemonContext) {
        guard context.usesEmbeddedDatabase, context.options.environment[Self.switchVariable] != "off",
            FileManager.default.fileExists(atPath: Self.directory + "/register/households.csv")
        else { return nil }
        self.context = context
    }

    func run() async throws {
        _ = try? await cancelWhenGracefulShutdown { await self.importIfEmpty() }
        // A service that returns would end the group; this one has done its work and waits for the others.
        try? await gracefulShutdown()
    }

    private func importIfEmpty() async {
        let context = self.context
        do {
            guard try await DatasetStore(client: context.client, logger: context.logger).registeredHouseholdIDs().isEmpty else {
                return
            }
            context.logger.info("正在导入演示人口台账和行业数据 (importing the demo register and sector data)")
            let imported = try await self.importAll()
            context.logger.info("已导入演示人口台账和行业数据 (demo register and sector data imported)", metadata: ["files": "\(imported)"])
            let desk = try MonitoringDesk(
                client: context.client, running: context.store.current, logger: context.logger, clock: context.options.clock)
            _ = try await DemoCases.seed(desk, client: context.client, logger: context.logger)
            // Start-up work that usually ends after the planner's first tick has paged start-up code out: the
            // import's parsers and screenings would otherwise stay resident for the life of the process.
            HeapRelease.trim()
            let bytes = HeapRelease.releaseStartupCode()
            context.logger.debug("演示数据导入的代码页已交还 (demo import code paged out)", metadata: ["bytes": "\(bytes)"])
        } catch is CancellationError {
            context.logger.notice("演示数据导入因停止而中断 (demo data import cut short by shutdown)")
        } catch {
            context.logger.error("演示数据导入失败 (demo data import failed)", metadata: ["error": "\(error)"])
        }
    }

    private func importAll() async throws -> Int {
        let context = self.context
        let demo = Self.directory
        let running = context.store.current
        let importer = DatasetImporter(client: context.client, logger: context.logger)
        var options = DatasetImporter.Options(actor: "demo", channel: "demo")
        let register = try await importer.importRegister(
            households: try Self.file(demo + "/register/households.csv"), persons: try Self.file(demo + "/register/persons.csv"),
            running: running, options: options, now: context.options.clock.now())
        // The data are dated as of DemoData.referenceDate; moved to this month, their dates (and ages) keep the
        // distances the rules were calibrated on.
        let today = context.options.clock.now().localDate(in: running.configuration.zone)
        let reference = DemoData.referenceDate
        options.dateShiftMonths = (today.year * 12 + today.month) - (reference.year * 12 + reference.month)
        var imported = register.filter(\.applied).count
        for name in try FileManager.default.contentsOfDirectory(atPath: demo + "/data").sorted() where name.hasSuffix(".csv") {
            try Task.checkCancellation()
            let parts = name.dropLast(4).split(separator: ".")
            guard parts.count == 2 else { continue }
            let report = try await importer.importDataset(
                try Self.file(demo + "/data/" + name), plugin: String(parts[0]), dataset: String(parts[1]),
                running: running, options: options, now: context.options.clock.now())
            if report.applied { imported += 1 } else {
                context.logger.warning("演示数据未导入 (demo data refused)", metadata: ["file": "\(name)", "issues": "\(report.issueCount)"])
            }
        }
        return imported
    }

    static func file(_ path: String) throws -> DatasetImporter.File {
        DatasetImporter.File(name: (path as NSString).lastPathComponent, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }
}
