import DixianCore
import DixianDatasets
import DixianDirectory
import DixianPlugins
import DixianScreening
import Foundation

/// The repository root, found from this file's path (Tests/DixianDatasetsTests/DemoSupport.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// What the demo tests share: the shipped plugins, the demo county's units and one generation of its data.
enum Demo {
    /// The shipped plugins without overrides, as the demo files are written for them.
    static let plugins: PluginSet = try! PluginLoader.load(
        pluginsDirectory: repositoryRoot.appendingPathComponent("plugins").path, overridesDirectory: nil)

    /// The roles only staff the county; its units are drawn before them, so any catalogue gives the same units.
    static let units = DemoCounty.generate(roles: RoleCatalogue(roles: [])).units

    static let data = DemoData.generate(units: units)

    static let households = data.register.householdsTable().rows
    static let persons = data.register.personsTable().rows
    static let personIndex = data.register.personIndex()

    /// The register fields of the person with `residentID` and their household, as `person.` / `household.` read them.
    static func registerFields(of residentID: String) -> [RegisterField: ScreeningValue] {
        guard let index = personIndex[residentID] else { return [:] }
        let person = persons[index]
        let household = households[data.register.persons[index].household]
        var fields: [RegisterField: ScreeningValue] = [:]
        for field in RegisterField.all {
            fields[field] = (field.table == .person ? person : household)[field.name]?.screeningValue
        }
        return fields
    }

    /// A plugin's parameters after overrides, as `params.NAME` reads them.
    static func parameters(of plugin: Plugin) -> [String: ScreeningValue] {
        Dictionary(uniqueKeysWithValues: plugin.parameters.map { ($0.name, screeningValue($0.value, kind: $0.kind)) })
    }

    private static func screeningValue(_ value: ParameterValue, kind: Parameter.Kind) -> ScreeningValue {
        switch value {
        case .integer(let number): kind == .money || kind == .percent ? .double(Decimal(number)) : .int(Int64(number))
        case .decimal(let number): .double(number)
        case .date(let date): .date(date)
        case .text(let text): .string(text)
        case .list(let items): .list(items.map { screeningValue($0, kind: .text) })
        }
    }
}
