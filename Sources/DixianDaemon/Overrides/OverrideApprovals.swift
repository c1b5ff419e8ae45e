import DixianStore
import Logging
import PostgresNIO

/// Listens for the county office's approvals of stored overrides (``PluginOverrideStore/notificationChannel``) on
/// one pooled connection, so that every replica reloads within seconds of an approval on any of them.
struct OverrideApprovals: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// Calls `approved` with each notification's payload (`<plugin id>:<version>`) until cancelled. A lost
    /// connection is listened on again after a pause; an approval made meanwhile is picked up by the reload that
    /// follows the reconnection, which reads every approved version afresh.
    func listen(_ approved: @escaping @Sendable (String) -> Void) async {
        var reconnected = false
        while !Task.isCancelled {
            let missedSomeWhileAway = reconnected
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: PluginOverrideStore.notificationChannel) { notifications in
                        if missedSomeWhileAway { approved("reconnected") }
                        for try await notification in notifications { approved(notification.payload) }
                    }
                }
            } catch where !Task.isCancelled {
                logger.warning("监听覆盖配置审批中断,5 秒后重连 (override approvals: listener lost, retrying)",
                               metadata: ["error": "\(StoreError.explain(error))"])
            } catch {
                return
            }
            reconnected = true
            try? await Task.sleep(for: .seconds(5))
        }
    }
}
