import Foundation

/// Where "now" comes from (DESIGN.md principle 4: time is explicit). The daemon uses the system clock;
/// tests and demos run it on a ``VirtualWallClock`` that starts at a chosen instant and may run faster,
/// so a month of schedule passes in minutes.
public protocol WallClock: Sendable {
    /// The current instant on this clock.
    func now() -> Date

    /// How long to sleep in real time until the clock shows `instant` (zero when it already has).
    func realDuration(until instant: Date) -> Duration
}

extension WallClock {
    /// A clock that runs at real speed: the plain difference, rounded up to whole milliseconds.
    public func realDuration(until instant: Date) -> Duration {
        let seconds = instant.timeIntervalSince(now())
        guard seconds > 0 else { return .zero }
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }
}

/// The system's real-time clock.
public struct SystemWallClock: WallClock {
    public init() {}

    public func now() -> Date {
        Date()
    }
}

/// A clock that reads `start` when created and then advances `rate` times faster than real time
/// (rate 1: real speed; 3600: an hour per second). Monotonic: it follows the process's monotonic clock,
/// not the system time, so adjusting the system clock does not move it.
public struct VirtualWallClock: WallClock {
    /// The instant the clock showed when created.
    public let start: Date
    /// Virtual seconds per real second.
    public let rate: Double
    private let origin: ContinuousClock.Instant

    public init(start: Date, rate: Double = 1) {
        self.start = start
        self.rate = rate
        self.origin = ContinuousClock.now
    }

    public func now() -> Date {
        start.addingTimeInterval((ContinuousClock.now - origin).timeInterval * rate)
    }

    /// The real time until the clock shows `instant` (zero when it already has).
    public func realDuration(until instant: Date) -> Duration {
        let virtual = instant.timeIntervalSince(now())
        guard virtual > 0 else { return .zero }
        return .milliseconds(Int64((virtual / rate * 1000).rounded(.up)))
    }
}
