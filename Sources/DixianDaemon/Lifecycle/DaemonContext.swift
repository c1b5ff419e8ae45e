import DixianStore
import DixianWeb
import Logging
import PostgresNIO

/// What every daemon service shares: configuration, database pool, readiness, metrics.
/// Services of later issues (scheduler, dispatcher) receive this too.
public struct DaemonContext: Sendable {
    public let options: DaemonOptions
    public let store: ConfigurationStore
    public let client: PostgresClient
    /// Where the database is, for the few users of a dedicated connection (the planner lock).
    public let endpoint: DatabaseEndpoint
    public let readiness: ReadinessState
    public let metrics: DaemonMetrics
    public let instance: DaemonInstance
    /// True when dixian runs its own PostgreSQL: then an empty directory gets the demo county.
    public let usesEmbeddedDatabase: Bool
    public let notifier: SystemdNotifier?
    public let logger: Logger
}
