import DixianNotify
import Foundation

/// When to try a failed delivery again (重试): exponential backoff with full jitter, capped, honouring
/// the server's `Retry-After`, and when to give up (dead letter, 死信).
public struct RetryPolicy: Sendable, Hashable {
    /// The first delay.
    public var initialDelay: TimeInterval
    /// The longest delay between two attempts.
    public var maximumDelay: TimeInterval
    /// Attempts before a message is dead-lettered.
    public var maximumAttempts: Int
    /// Age (from its planned send time) after which a message is dead-lettered.
    public var maximumAge: TimeInterval

    public init(initialDelay: TimeInterval = 30, maximumDelay: TimeInterval = 3600, maximumAttempts: Int = 12, maximumAge: TimeInterval = 2 * 86_400) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.maximumAttempts = maximumAttempts
        self.maximumAge = maximumAge
    }

    /// What to do after attempt number `attempt` (1-based) failed with `failure`.
    public enum Decision: Sendable, Hashable {
        case retry(after: TimeInterval)
        case deadLetter(reason: String)
    }

    /// Decides, with `unitRandom` in [0, 1) supplying the jitter (injectable for tests).
    public func decide(after failure: DeliveryFailure, attempt: Int, age: TimeInterval, unitRandom: Double) -> Decision {
        guard failure.kind == .transient else { return .deadLetter(reason: failure.description) }
        guard attempt < maximumAttempts else { return .deadLetter(reason: "已尝试 \(attempt) 次 (\(attempt) attempts): \(failure)") }
        let ceiling = min(maximumDelay, initialDelay * pow(2, Double(attempt - 1)))
        // Full jitter, but never sooner than the server asked for.
        let delay = max(failure.retryAfter ?? 0, ceiling * unitRandom)
        guard age + delay <= maximumAge else { return .deadLetter(reason: "超过最长投递时间 (too old): \(failure)") }
        return .retry(after: delay)
    }
}
