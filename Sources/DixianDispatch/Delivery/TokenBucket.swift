import Foundation

/// A token bucket (令牌桶) for a channel's rate limit, e.g. a DingTalk bot's 20 messages a minute:
/// `capacity` tokens, refilled continuously at `capacity / period`. Pure: the caller passes the time.
public struct TokenBucket: Sendable, Hashable {
    public let capacity: Double
    public let refillPerSecond: Double
    private var tokens: Double
    private var updatedAt: Date

    /// A full bucket at `now`.
    public init(capacity: Int, per period: TimeInterval, now: Date) {
        precondition(capacity > 0 && period > 0)
        self.capacity = Double(capacity)
        self.refillPerSecond = Double(capacity) / period
        self.tokens = Double(capacity)
        self.updatedAt = now
    }

    /// Takes a token if one is available at `now` and returns nil; otherwise takes nothing and returns
    /// how long until one is.
    public mutating func take(now: Date) -> TimeInterval? {
        refill(now: now)
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return (1 - tokens) / refillPerSecond
    }

    private mutating func refill(now: Date) {
        let elapsed = max(0, now.timeIntervalSince(updatedAt))
        tokens = min(capacity, tokens + elapsed * refillPerSecond)
        updatedAt = max(updatedAt, now)
    }
}
