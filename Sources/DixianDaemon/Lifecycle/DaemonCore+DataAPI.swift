import DixianWeb
import Foundation
import HTTPTypes

extension DaemonCore {
    /// The data API's import: the same importer as `dixian data import`, its report as JSON; an unknown
    /// dataset is 404.
    func dataImporter() -> DataAPI.Importer {
        let context = self.context
        return { plugin, dataset, bytes, period, dryRun, skipInvalid, sheet in
            let options = DatasetImporter.Options(
                period: period, dryRun: dryRun, skipInvalid: skipInvalid, sheet: sheet, actor: "api", channel: "http")
            let importer = DatasetImporter(client: context.client, logger: context.logger)
            do {
                let report = try await importer.importDataset(
                    DatasetImporter.File(name: "\(plugin).\(dataset)", bytes: bytes), plugin: plugin, dataset: dataset,
                    running: context.store.current, options: options, now: context.options.clock.now())
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                return DataAPI.ImportOutcome(refused: report.refused, report: try encoder.encode(report))
            } catch let error as ImportError {
                throw APIError(.notFound, code: "dataset_not_found", error.message)
            }
        }
    }
}
