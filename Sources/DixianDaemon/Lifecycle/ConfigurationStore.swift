import NIOConcurrencyHelpers

/// The configuration in force, swapped whole by a successful reload.
///
/// Readers take a snapshot and never see half of an old and half of a new configuration.
public final class ConfigurationStore: Sendable {
    private let box: NIOLockedValueBox<LoadedConfiguration>

    public init(_ initial: LoadedConfiguration) {
        self.box = NIOLockedValueBox(initial)
    }

    public var current: LoadedConfiguration {
        self.box.withLockedValue { $0 }
    }

    func replace(with new: LoadedConfiguration) {
        self.box.withLockedValue { $0 = new }
    }
}
