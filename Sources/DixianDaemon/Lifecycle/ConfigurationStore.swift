import NIOConcurrencyHelpers

/// The configuration and plugin set in force, swapped whole by a successful reload.
///
/// Readers take a snapshot and never see half of an old and half of a new configuration.
public final class ConfigurationStore: Sendable {
    private let box: NIOLockedValueBox<RunningConfiguration>

    public init(_ initial: RunningConfiguration) {
        self.box = NIOLockedValueBox(initial)
    }

    public var current: RunningConfiguration {
        self.box.withLockedValue { $0 }
    }

    func replace(with new: RunningConfiguration) {
        self.box.withLockedValue { $0 = new }
    }
}
