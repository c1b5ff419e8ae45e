import DixianCore
import DixianDatasets
import DixianDirectory
import DixianPlugins
import DixianScreening
import Foundation
import Testing

/// The demo register and sector data (config/demo/register, config/demo/data): deterministic, committed as
/// generated, with valid fictional IDs, and every row referring to a register person and their village.
@Suite("The demo register and sector data")
struct DemoDataTests {
    @Test("about 10,000 households and 30,000 persons; the same seed gives the same data")
    func shape() {
        let register = Demo.data.register
        #expect(register.households.count == 10_000)
        #expect((28_000...33_000).contains(register.persons.count), "\(register.persons.count) persons")
        let again = DemoData.generate(units: Demo.units)
        #expect(again.register.persons == register.persons)
        #expect(Set(register.households.map(\.type)) == Set(PopulationRegister.householdTypes))
        #expect(register.households.allSatisfy { ($0.type == "监测户") == ($0.monitoringGroup != nil) })
    }

    @Test("every ID is checksum-valid, 岚川县's, unique, and holds the birth_date column's date")
    func residentIDs() {
        var seen: Set<String> = []
        for row in Demo.persons {
            let text = row["resident_id"]?.csvText ?? ""
            guard case .success(let id) = ResidentID.validate(text) else {
                Issue.record("invalid ID in the demo register")
                continue
            }
            #expect(id.divisionPrefix == DemoCounty.countyCode.significantPrefix)
            #expect(row["birth_date"] == .date(id.birthDate))
            let fresh = seen.insert(id.value).inserted
            #expect(fresh, "duplicate ID")
        }
    }

    @Test("every sector row names a register person (or head) and their household's village; keys are unique")
    func rowsReferToTheRegister() throws {
        let villages = Set(Demo.units.filter { $0.level == .village }.map(\.code.rawValue))
        for plugin in Demo.plugins.plugins {
            for dataset in plugin.datasets {
                let table = try #require(Demo.data.sectorTables.first { $0.plugin == plugin.id && $0.dataset == dataset.id })
                #expect(table.columnNames == Set(dataset.columns.map(\.name)), "\(table.fileName)")
                var keys: Set<[String]> = []
                for row in table.rows {
                    for column in dataset.columns where column.isRequired {
                        #expect(row[column.name] != nil, "\(table.fileName): \(column.name) empty")
                    }
                    let fresh = keys.insert(dataset.key.map { row[$0]?.csvText ?? "" }).inserted
                    #expect(fresh, "\(table.fileName): duplicate key")
                    let village = row["village_code"]?.csvText ?? ""
                    #expect(villages.contains(village), "\(table.fileName): unknown village")
                    if let id = row["resident_id"]?.csvText {
                        let person = try #require(Demo.personIndex[id], "\(table.fileName): resident ID not in the register")
                        let household = Demo.data.register.households[Demo.data.register.persons[person].household]
                        #expect(household.villageCode.rawValue == village)
                    }
                }
            }
        }
    }

    /// `DIXIAN_WRITE_DEMO=1 swift test --filter DixianDatasetsTests` rewrites the committed files.
    @Test("config/demo/register and config/demo/data hold exactly the generator's output")
    func committedFilesAreCurrent() throws {
        let directory = repositoryRoot.appendingPathComponent("config/demo")
        let files = try Demo.data.files(plugins: Demo.plugins.plugins)
        #expect(files.count == 2 + Demo.plugins.plugins.reduce(0) { $0 + $1.datasets.count })
        for file in files {
            let url = directory.appendingPathComponent(file.path)
            if ProcessInfo.processInfo.environment["DIXIAN_WRITE_DEMO"] == "1" {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.content.utf8).write(to: url)
            }
            let committed = try Data(contentsOf: url)
            #expect(committed == Data(file.content.utf8), "\(file.path) is stale: run DIXIAN_WRITE_DEMO=1 swift test --filter DixianDatasetsTests")
        }
    }

    @Test("the CSV header is the declared titles; booleans 是/否, money with two decimals")
    func csvFormat() throws {
        let files = try Demo.data.files(plugins: Demo.plugins.plugins)
        let households = try #require(files.first { $0.path == "register/households.csv" })
        let header = households.content.dropFirst().prefix { $0 != "\r\n" }
        #expect(header == PopulationRegister.households.columns.map(\.title).joined(separator: ","))
        #expect(DemoValue.money(fen: 780_000).csvText == "7800.00")
        #expect(DemoValue.money(fen: 5).csvText == "0.05")
        #expect(DemoValue.boolean(false).csvText == "否")
    }

    @Test("RegisterField.all matches the register's columns: name, type and title")
    func registerFieldsMatchTheRegister() throws {
        for field in RegisterField.all {
            let dataset = PopulationRegister.dataset(of: field.table)
            let column = try #require(dataset.columns.first { $0.name == field.name }, "\(field.table).\(field.name)")
            #expect(column.kind.screeningType == field.type, "\(field.table).\(field.name)")
            #expect(column.title.hasPrefix(field.title), "\(field.table).\(field.name)")
        }
        // The rest identify rows: the join key and the head, not fields a rule reads.
        let fieldNames = { (table: RegisterField.Table) in Set(RegisterField.all.filter { $0.table == table }.map(\.name)) }
        let personRest = Set(PopulationRegister.persons.columns.map(\.name)).subtracting(fieldNames(.person))
        let householdRest = Set(PopulationRegister.households.columns.map(\.name)).subtracting(fieldNames(.household))
        #expect(personRest == ["resident_id", "household_id"])
        #expect(householdRest == ["head_resident_id", "head_name"])
    }
}
