import Foundation

/// Catch-up after downtime (补发, DESIGN.md principle 4): a daemon that was down sends one reminder per
/// overdue item, not one per missed step.
///
/// Of several due first attempts of one occurrence for one recipient on one channel, only the latest goes
/// out; the others are superseded. A message sent later than ``threshold`` after its planned instant is
/// marked as a catch-up, so the official sees why it arrives late.
public enum CatchUp {
    /// A message sent later than this after its planned instant counts as a catch-up.
    public static let threshold: TimeInterval = 15 * 60

    /// One due, pending message that has not been attempted yet.
    public struct Candidate: Sendable, Hashable {
        public var id: Int64
        public var occurrenceID: Int64
        public var recipientID: String?
        public var sendAt: Date

        public init(id: Int64, occurrenceID: Int64, recipientID: String?, sendAt: Date) {
            self.id = id
            self.occurrenceID = occurrenceID
            self.recipientID = recipientID
            self.sendAt = sendAt
        }
    }

    /// The candidates that are superseded: every one but the latest (by send time, then id) of its
    /// occurrence and recipient. The caller passes the due messages of one channel.
    public static func superseded(_ candidates: [Candidate]) -> [Int64] {
        var latest: [String: Candidate] = [:]
        var superseded: [Int64] = []
        for candidate in candidates {
            // Rows without a recipient never supersede each other (SQL's NULL = NULL is not true).
            guard let recipient = candidate.recipientID else { continue }
            let key = "\(candidate.occurrenceID)/\(recipient)"
            guard let current = latest[key] else {
                latest[key] = candidate
                continue
            }
            if (candidate.sendAt, candidate.id) > (current.sendAt, current.id) {
                superseded.append(current.id)
                latest[key] = candidate
            } else {
                superseded.append(candidate.id)
            }
        }
        return superseded.sorted()
    }

    /// Whether a message planned for `sendAt` and sent at `now` is a catch-up.
    public static func isCatchUp(sendAt: Date, now: Date) -> Bool {
        sendAt < now.addingTimeInterval(-threshold)
    }
}
