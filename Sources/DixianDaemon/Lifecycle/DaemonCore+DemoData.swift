import DixianDatasets
import DixianScheduling
import DixianStore
import Foundation

extension DaemonCore {
    /// On the embedded database, an empty register gets the demo county's synthetic register and sector data of
    /// `config/demo/` (for the current month), so a newcomer's `swift run dixian serve` screens and raises alerts
    /// within its first minute. A county's own database never gets demo data; a failure never stops the daemon.
    func importDemoDataIfEmpty() async {
        let context = self.context
        let demo = "config/demo"
        let households = demo + "/register/households.csv"
        guard context.usesEmbeddedDatabase, FileManager.default.fileExists(atPath: households) else { return }
        do {
            let running = context.store.current
            guard try await DatasetStore(client: context.client, logger: context.logger).registeredHouseholdIDs().isEmpty else {
                return
            }
            let importer = DatasetImporter(client: context.client, logger: context.logger)
            var options = DatasetImporter.Options(actor: "demo", channel: "demo")
            let register = try await importer.importRegister(
                households: try Self.file(households), persons: try Self.file(demo + "/register/persons.csv"),
                running: running, options: options, now: context.options.clock.now())
            // The data are dated as of DemoData.referenceDate; moved to this month, their dates (and ages) keep
            // the distances the rules were calibrated on.
            let today = context.options.clock.now().localDate(in: running.configuration.zone)
            let reference = DemoData.referenceDate
            options.dateShiftMonths = (today.year * 12 + today.month) - (reference.year * 12 + reference.month)
            var imported = register.filter(\.applied).count
            for name in try FileManager.default.contentsOfDirectory(atPath: demo + "/data").sorted() where name.hasSuffix(".csv") {
                let parts = name.dropLast(4).split(separator: ".")
                guard parts.count == 2 else { continue }
                let report = try await importer.importDataset(
                    try Self.file(demo + "/data/" + name), plugin: String(parts[0]), dataset: String(parts[1]),
                    running: running, options: options, now: context.options.clock.now())
                if report.applied { imported += 1 } else {
                    context.logger.warning("演示数据未导入 (demo data refused)", metadata: ["file": "\(name)", "issues": "\(report.issueCount)"])
                }
            }
            context.logger.info("已导入演示人口台账和行业数据 (demo register and sector data imported)", metadata: ["files": "\(imported)"])
        } catch {
            context.logger.error("演示数据导入失败 (demo data import failed)", metadata: ["error": "\(error)"])
        }
    }

    static func file(_ path: String) throws -> DatasetImporter.File {
        DatasetImporter.File(name: (path as NSString).lastPathComponent, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }
}
