import DixianCore
import DixianDatasets
import DixianDirectory
import DixianPlugins

/// The data `dixian bench screen` loads: the demo county's generator (``DemoData``) run at the scale of
/// `persons` instead of its 10,000 households, so that every shipped rule fires on the same plausible few
/// percent as on the demo county, only on more rows.
///
/// The person-level file whose import is timed is `health.insurance_enrollment` (one row per member of a
/// 脱贫户 or 监测户), cut to exactly `persons` rows; the register has enough households for that, about
/// `persons / 2.7` (the demo's 10,000 households give 27,913 enrolment rows).
struct ScreenBenchmarkData: Sendable {
    /// The dataset whose file is imported against `psql \copy`.
    static let importPlugin = "health"
    static let importDataset = "insurance_enrollment"
    /// The period every table is loaded as: the month of the demo's reference date, which the rules screen as of.
    static let period = "2026-07"

    let register: DemoRegister
    /// Every sector table, the import's cut to `persons` rows.
    let sectorTables: [DemoTable]
    /// The demo county's division codes, against which village codes are validated.
    let knownDivisions: Set<String>

    /// Generates the register and the sector tables of the demo county's `units` at `persons`' scale.
    static func generate(persons: Int, units: [OrgUnit]) -> ScreenBenchmarkData {
        // 2.7 rather than the demo's 2.79 enrolment rows a household, so that the cut never falls short.
        let households = max(10, persons * 10 / 27 + 1)
        let register = DemoRegister.generate(units: units, seed: DemoData.defaultSeed, count: households)
        let sectors = DemoSectorData(register: register, units: units, seed: DemoData.defaultSeed)
        let tables = sectors.tables().map { table in
            guard table.plugin == importPlugin, table.dataset == importDataset else { return table }
            return DemoTable(plugin: table.plugin, dataset: table.dataset, rows: Array(table.rows.prefix(persons)))
        }
        return ScreenBenchmarkData(
            register: register, sectorTables: tables, knownDivisions: Set(units.map(\.code.rawValue)))
    }

    /// The table imported against `psql \copy`.
    var importTable: DemoTable {
        sectorTables.first { $0.plugin == Self.importPlugin && $0.dataset == Self.importDataset }!
    }

    /// The register's two tables, households first (persons refer to them), with their declarations.
    var registerTables: [(table: DemoTable, layout: DatasetTableLayout)] {
        [(register.householdsTable(), .register(.household)), (register.personsTable(), .register(.person))]
    }

    /// The sector tables other than the import's, each with the layout of the dataset an enabled plugin of
    /// `plugins` declares; a table no enabled plugin declares is left out.
    func otherSectorTables(_ plugins: PluginSet) -> [(table: DemoTable, layout: DatasetTableLayout)] {
        sectorTables.compactMap { table in
            guard !(table.plugin == Self.importPlugin && table.dataset == Self.importDataset),
                let plugin = plugins.plugins.first(where: { $0.isEnabled && $0.id == table.plugin }),
                let dataset = plugin.datasets.first(where: { $0.id == table.dataset })
            else { return nil }
            return (table, DatasetTableLayout.dataset(dataset, plugin: plugin.id))
        }
    }
}
