import DixianCore
import DixianDirectory
import DixianPlugins

/// The demo county's data (演示数据): its population register and every sector plugin's data, as the files
/// under `config/demo/register/` and `config/demo/data/` hold them (`dixian directory demo` writes them).
///
/// Pure and deterministic: the same units and seed give the same bytes. Every generated date, and every age,
/// counts from the fixed ``referenceDate`` (2026-07-01), never from today, so the files do not change with
/// the calendar; screen them "as of" that date to see the rates `DixianDatasetsTests` measures.
public struct DemoData: Sendable {
    /// The date the demo is drawn as of: ages, this year's rounds, "within the last year".
    public static let referenceDate = CalendarDate(year: 2026, month: 7, day: 1)!
    /// The seed of the committed files.
    public static let defaultSeed: UInt64 = 20_260_701
    /// Folders under the demo directory.
    public static let registerFolder = "register"
    public static let dataFolder = "data"

    public var register: DemoRegister
    public var sectorTables: [DemoTable]

    /// Generates the register in the rural villages of `units` (the demo county's), then the sector data.
    public static func generate(units: [OrgUnit], seed: UInt64 = defaultSeed) -> DemoData {
        let register = DemoRegister.generate(units: units, seed: seed)
        let sectors = DemoSectorData(register: register, units: units, seed: seed)
        return DemoData(register: register, sectorTables: sectors.tables())
    }

    /// The register's tables with their declarations.
    public var registerTables: [(table: DemoTable, dataset: Dataset)] {
        [(register.householdsTable(), PopulationRegister.households), (register.personsTable(), PopulationRegister.persons)]
    }

    /// Every file, as (path under the demo directory, content), for the datasets `plugins` declare.
    ///
    /// - Throws: ``DemoDataError`` when a plugin declares a dataset the generator has no table for, or the
    ///   table's columns differ from the declaration: a new dataset needs its demo data.
    public func files(plugins: [Plugin]) throws(DemoDataError) -> [(path: String, content: String)] {
        var files = registerTables.map { (Self.registerFolder + "/" + $0.table.fileName, $0.table.csv(columns: $0.dataset.columns)) }
        for plugin in plugins {
            for dataset in plugin.datasets {
                guard let table = sectorTables.first(where: { $0.plugin == plugin.id && $0.dataset == dataset.id }) else {
                    throw DemoDataError(plugin: plugin.id, dataset: dataset.id, problem: "no demo table")
                }
                let declared = Set(dataset.columns.map(\.name))
                guard table.columnNames.isSubset(of: declared) else {
                    let extra = table.columnNames.subtracting(declared).sorted().joined(separator: ", ")
                    throw DemoDataError(plugin: plugin.id, dataset: dataset.id, problem: "undeclared columns \(extra)")
                }
                files.append((Self.dataFolder + "/" + table.fileName, table.csv(columns: dataset.columns)))
            }
        }
        return files
    }

    /// `value` with leading zeros to `width` digits.
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
