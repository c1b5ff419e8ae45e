import DixianYAML
import Foundation

extension Configuration {
    /// How long old rows stay (key `retention`).
    public struct Retention: Sendable, Equatable {
        /// How long sent messages stay in the outbox (key `sent_messages`), default 400 days: a year of messages to
        /// look back on, and a month's margin. The leader drops the outbox's month partitions once they ended this
        /// long ago and hold nothing still to send. Occurrences and the audit log (审计记录) are kept: they are the
        /// record of duties done.
        public var sentMessages: Duration

        public init(sentMessages: Duration = .seconds(400 * 86_400)) {
            self.sentMessages = sentMessages
        }

        /// At least a month, so a message claimed near a month's end is never dropped under its dispatcher.
        static let sentMessagesRange: ClosedRange<Duration> = .seconds(31 * 86_400)...(.seconds(36_500 * 86_400))
    }
}

extension Configuration.Retention {
    init(reading reader: inout MappingReader) {
        self.init()
        sentMessages = reader.duration("sent_messages", in: Self.sentMessagesRange) ?? sentMessages
    }
}
