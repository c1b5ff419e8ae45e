import DixianCore
import DixianDispatch
import DixianNotify
import Foundation

/// A channel's rate limit (限速) as an actor over ``TokenBucket``: callers wait their turn.
actor RateLimiter {
    private var bucket: TokenBucket

    init(messages: Int, per period: Duration) {
        self.bucket = TokenBucket(capacity: messages, per: period.timeInterval, now: Date())
    }

    /// Returns once a message may go out.
    func acquire() async throws {
        while let wait = bucket.take(now: Date()) {
            try await Task.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up))))
        }
    }
}
