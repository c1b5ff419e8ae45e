import DixianDispatch
import DixianLinks
import DixianStore

/// What the lanes read before the pure ``NotificationComposer`` writes a message, shared by every lane of
/// one dispatcher: the stored occurrences, the cached directory and templates, and the link signer.
struct CompositionSources: Sendable {
    let schedule: ScheduleStore
    let directory: DirectoryCache
    let renderers = RendererCache()
    /// The configuration in force now (plugins and office change on reload).
    let running: @Sendable () -> RunningConfiguration
    let links: ActionLinks?
}
