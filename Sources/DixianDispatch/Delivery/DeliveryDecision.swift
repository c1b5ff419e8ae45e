import DixianNotify
import Foundation

/// What becomes of a group whose delivery failed (失败处理). Decided here, carried out by the caller:
/// the dispatcher records it in the outbox.
public enum DeliveryDecision: Sendable, Hashable {
    /// The endpoint answered 410 Gone: the channel stops until an operator retries; the messages wait.
    case disableChannel(reason: String)
    /// Try again after this many seconds.
    case retry(after: TimeInterval)
    /// Give up (死信): the county office is told.
    case deadLetter(reason: String)

    /// The decision after `failure` on `group`'s latest attempt, by `policy`; `unitRandom` in [0, 1)
    /// supplies the jitter.
    public static func after(
        _ failure: DeliveryFailure, group: OutboxGroup, policy: RetryPolicy, now: Date, unitRandom: Double
    ) -> DeliveryDecision {
        if failure.kind == .endpointGone { return .disableChannel(reason: failure.reason) }
        let oldest = group.messages.map(\.sendAt).min() ?? now
        switch policy.decide(after: failure, attempt: group.attempt, age: now.timeIntervalSince(oldest), unitRandom: unitRandom) {
        case .retry(let delay): return .retry(after: delay)
        case .deadLetter(let reason): return .deadLetter(reason: reason)
        }
    }
}
