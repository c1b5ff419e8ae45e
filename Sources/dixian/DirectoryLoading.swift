import ArgumentParser
import DixianDaemon
import DixianDirectory
import DixianStore
import Logging

/// The org directory a command plans with: the database's; the demo county with `demo`, or when the
/// embedded database's directory is empty (a newcomer who has not run `serve` yet).
///
/// It writes nothing: on a fresh state directory it does not create the embedded cluster (no `initdb`), and
/// it never applies migrations. A database whose schema is older than this binary is refused
/// (``StoreError/Code/schemaBehind``); one with no schema at all counts as an empty directory.
func loadDirectory(_ running: RunningConfiguration, demo: Bool, label: String) async throws -> ([OrgUnit], [Official]) {
    let demoCounty = { DemoCounty.generate(roles: running.roleCatalogue) }
    if demo { return (demoCounty().units, demoCounty().officials) }
    let logger = Logger(label: label)
    let configuration = running.configuration
    var standardError = StandardError()
    let resolver = DatabaseResolver(configuration: configuration, logger: logger)
    if configuration.database.url == nil, !resolver.embeddedCluster().isInitialized {
        print(
            "内嵌数据库尚未创建 (\(configuration.embeddedPostgresDirectory)), 不创建, 使用演示县"
                + " (no embedded database yet: nothing created, using the demo county)",
            to: &standardError)
        let county = demoCounty()
        return (county.units, county.officials)
    }
    let units: [OrgUnit]
    let officials: [Official]
    do {
        (units, officials) = try await DatabaseSession.withClient(configuration: configuration, logger: logger) { client, _ in
            let version = try await Migrator.appliedVersionReadOnly(client: client, logger: logger)
            try Migrator.requireCurrentSchema(version)
            guard let version, version > 0 else { return ([OrgUnit](), [Official]()) }
            let store = DirectoryStore(client: client, logger: logger)
            return (try await store.units(), try await store.officials())
        }
    } catch let error as StoreError {
        print("错误 (error): \(error.message)", to: &standardError)
        throw ExitCode.failure
    }
    if units.isEmpty, configuration.database.url == nil {
        print("组织目录为空,使用演示县 (directory empty: using the demo county)", to: &standardError)
        let county = demoCounty()
        return (county.units, county.officials)
    }
    return (units, officials)
}
