import DixianDispatch
import DixianNotify
import Foundation

extension Configuration {
    /// The office that sends the messages (key `office`): named in every footer and in `office.*` of templates.
    public struct Office: Sendable, Equatable {
        /// Key `name`, default `县乡村振兴局`.
        public var name: String
        public var phone: String?
        public var email: String?

        public init(name: String = "县乡村振兴局", phone: String? = nil, email: String? = nil) {
            self.name = name
            self.phone = phone
            self.email = email
        }

        /// The office as messages name it in their footer.
        public var facts: ReminderFacts.Office {
            ReminderFacts.Office(name: name, phone: phone, email: email)
        }
    }

    /// The dispatcher (key `notify`): how the outbox is sent.
    public struct Notify: Sendable, Equatable {
        /// Whether this replica sends (key `enabled`), default true. Any number of replicas may send at once.
        public var enabled: Bool
        /// Reminders for one recipient and channel due within this window go out as one digest (汇总提醒),
        /// like Alertmanager's group_wait (key `digest_window`), default 10 minutes; 0 turns digests off.
        /// The digest goes out when its first reminder is due.
        public var digestWindow: Duration
        /// At most this many reminders in one digest (key `digest_max_items`), default 20.
        public var digestMaxItems: Int
        /// Due messages claimed per round (key `batch_size`), default 100.
        public var batchSize: Int
        /// The periodic sweep besides LISTEN/NOTIFY (key `sweep_interval`), default 30 s.
        public var sweepInterval: Duration
        /// The first retry delay (key `retry_initial`), default 30 s; doubled per attempt, with full jitter.
        public var retryInitial: Duration
        /// The longest retry delay (key `retry_max_delay`), default 1 h.
        public var retryMaxDelay: Duration
        /// Attempts before a message is dead-lettered (key `max_attempts`), default 12.
        public var maxAttempts: Int
        /// Age after its planned time at which a message is dead-lettered (key `max_age`), default 2 days.
        public var maxAge: Duration
        /// Who is told about dead letters (key `dead_letter_role`), default `county_office` (县乡村振兴部门).
        /// It must name a role the loaded plugins declare (checked with the plugins: ``RunningConfiguration``).
        public var deadLetterRole: String
        /// Where `dead_letter_role` was written, for that check's diagnostic.
        public var deadLetterRoleWrittenAt = KeyLocation()
        /// Through which channel (key `dead_letter_channel`), default `email`.
        public var deadLetterChannel: String

        public init(
            enabled: Bool = true, digestWindow: Duration = .seconds(600), digestMaxItems: Int = 20, batchSize: Int = 100,
            sweepInterval: Duration = .seconds(30), retryInitial: Duration = .seconds(30), retryMaxDelay: Duration = .seconds(3600),
            maxAttempts: Int = 12, maxAge: Duration = .seconds(2 * 86_400), deadLetterRole: String = "county_office",
            deadLetterChannel: String = "email"
        ) {
            self.enabled = enabled
            self.digestWindow = digestWindow
            self.digestMaxItems = digestMaxItems
            self.batchSize = batchSize
            self.sweepInterval = sweepInterval
            self.retryInitial = retryInitial
            self.retryMaxDelay = retryMaxDelay
            self.maxAttempts = maxAttempts
            self.maxAge = maxAge
            self.deadLetterRole = deadLetterRole
            self.deadLetterChannel = deadLetterChannel
        }

        static let digestWindowRange: ClosedRange<Duration> = .zero...(.seconds(3600))
        static let digestMaxItemsRange = 1...200
        static let batchSizeRange = 1...10_000
        static let sweepIntervalRange: ClosedRange<Duration> = .milliseconds(100)...(.seconds(3600))
        static let retryDelayRange: ClosedRange<Duration> = .milliseconds(100)...(.seconds(86_400))
        static let maxAttemptsRange = 1...100
        static let maxAgeRange: ClosedRange<Duration> = .seconds(60)...(.seconds(30 * 86_400))
    }
}
