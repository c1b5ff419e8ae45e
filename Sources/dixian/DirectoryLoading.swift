import DixianDaemon
import DixianDirectory
import DixianStore
import Logging

/// The org directory a command plans with: the database's; the demo county with `demo`, or when the
/// embedded database's directory is empty (a newcomer who has not run `serve` yet).
func loadDirectory(_ running: RunningConfiguration, demo: Bool, label: String) async throws -> ([OrgUnit], [Official]) {
    let demoCounty = { DemoCounty.generate(roles: running.roleCatalogue) }
    if demo { return (demoCounty().units, demoCounty().officials) }
    let logger = Logger(label: label)
    let configuration = running.configuration
    let (units, officials) = try await DatabaseSession.withClient(configuration: configuration, logger: logger) { client, _ in
        try await Migrator().migrate(client: client, logger: logger)
        let store = DirectoryStore(client: client, logger: logger)
        return (try await store.units(), try await store.officials())
    }
    if units.isEmpty, configuration.database.url == nil {
        var standardError = StandardError()
        print("组织目录为空,使用演示县 (directory empty: using the demo county)", to: &standardError)
        let county = demoCounty()
        return (county.units, county.officials)
    }
    return (units, officials)
}
