import Logging
import NIOConcurrencyHelpers

/// The live logging settings shared by every ``LogLineHandler``.
///
/// swift-log allows `LoggingSystem.bootstrap` only once per process, so handlers read the
/// format and level from here on every event; a configuration reload changes them in place.
public final class LogSettings: Sendable {
    /// How one event is written as one line.
    public enum Format: String, Sendable, CaseIterable {
        /// `key=value` pairs: readable in `journalctl`, parseable by Loki and friends.
        case logfmt
        case json
    }

    private struct Values {
        var format: Format
        var level: Logger.Level
    }

    private let values: NIOLockedValueBox<Values>

    public init(format: Format = .logfmt, level: Logger.Level = .info) {
        self.values = NIOLockedValueBox(Values(format: format, level: level))
    }

    public var format: Format {
        get { self.values.withLockedValue { $0.format } }
        set { self.values.withLockedValue { $0.format = newValue } }
    }

    public var level: Logger.Level {
        get { self.values.withLockedValue { $0.level } }
        set { self.values.withLockedValue { $0.level = newValue } }
    }

    /// The process-wide settings that `dixian` bootstraps swift-log with.
    public static let shared = LogSettings()
}
