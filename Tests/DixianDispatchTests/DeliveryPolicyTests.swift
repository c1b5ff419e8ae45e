import DixianCore
import DixianDispatch
import DixianNotify
import Foundation
import Testing

@Suite("Retries and rate limits")
struct DeliveryPolicyTests {
    @Test("backoff grows, stays within its cap with jitter, honours Retry-After, ends in a dead letter")
    func backoff() {
        let policy = RetryPolicy(initialDelay: 30, maximumDelay: 3600, maximumAttempts: 8, maximumAge: 86_400)
        var random = SeededRandom(seed: 3)
        for attempt in 1..<8 {
            let jitter = Double(random.next() % 1000) / 1000
            guard case .retry(let delay) = policy.decide(after: DeliveryFailure(.transient, "503"), attempt: attempt, age: 0, unitRandom: jitter) else {
                Issue.record("attempt \(attempt) should retry")
                continue
            }
            #expect(delay >= 0 && delay <= min(3600, 30 * pow(2, Double(attempt - 1))))
        }
        if case .retry(let delay) = policy.decide(after: DeliveryFailure(.transient, "429", retryAfter: 600), attempt: 1, age: 0, unitRandom: 0) {
            #expect(delay == 600)
        } else { Issue.record("429 with Retry-After should retry") }
        if case .deadLetter = policy.decide(after: DeliveryFailure(.transient, "503"), attempt: 8, age: 0, unitRandom: 0.5) {} else {
            Issue.record("the last attempt dead-letters")
        }
        if case .deadLetter = policy.decide(after: DeliveryFailure(.permanent, "550"), attempt: 1, age: 0, unitRandom: 0.5) {} else {
            Issue.record("a permanent failure dead-letters at once")
        }
        if case .deadLetter = policy.decide(after: DeliveryFailure(.transient, "503"), attempt: 2, age: 86_390, unitRandom: 0.9) {} else {
            Issue.record("too old dead-letters")
        }
    }

    @Test("token bucket: 20 a minute, then one every 3 seconds")
    func tokenBucket() {
        let start = Date(timeIntervalSince1970: 0)
        var bucket = TokenBucket(capacity: 20, per: 60, now: start)
        for _ in 0..<20 { #expect(bucket.take(now: start) == nil) }
        let wait = bucket.take(now: start)
        #expect(wait.map { abs($0 - 3) < 0.001 } == true)
        #expect(bucket.take(now: start.addingTimeInterval(3)) == nil)
        #expect(bucket.take(now: start.addingTimeInterval(3)) != nil)
        #expect(bucket.take(now: start.addingTimeInterval(3600)) == nil, "refills, but only to capacity")
        var sent = 0
        var now = start.addingTimeInterval(3600)
        for _ in 0..<1000 {
            if bucket.take(now: now) == nil { sent += 1 }
            now = now.addingTimeInterval(0.5)
        }
        #expect(sent <= 19 + 500 / 3 + 1, "never faster than the rate: \(sent)")
    }
}
