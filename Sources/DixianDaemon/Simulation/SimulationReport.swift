import DixianScheduling
import Foundation

/// What `dixian simulate` prints: every planned message in a date range, in time order.
public struct SimulationReport: Sendable, Encodable {
    /// One planned message.
    public struct Message: Sendable, Encodable {
        public var sendAt: String
        public var sendAtLocal: String
        public var kind: PlannedNotification.Kind
        public var kindName: String
        public var step: String
        public var dutyID: String
        public var dutyTitle: String
        public var unitCode: String
        public var unitName: String
        public var periodLabel: String
        public var dueDate: String
        public var dueAt: String
        public var dueAtLocal: String
        public var recipientID: String
        public var recipientName: String
        public var role: String
        public var roleName: String
        public var channel: String
        public var key: String

        enum CodingKeys: String, CodingKey {
            case sendAt = "send_at", sendAtLocal = "send_at_local", kind, kindName = "kind_name", step
            case dutyID = "duty_id", dutyTitle = "duty_title", unitCode = "unit_code", unitName = "unit_name"
            case periodLabel = "period_label", dueDate = "due_date", dueAt = "due_at", dueAtLocal = "due_at_local"
            case recipientID = "recipient_id", recipientName = "recipient_name", role, roleName = "role_name"
            case channel, key
        }

        init(
            _ message: PlannedNotification, _ occurrence: PlannedOccurrence, names: ScheduleSimulation.Names,
            time: ScheduleSimulation.LocalTimeFormatter
        ) {
            sendAt = time.iso(message.sendAt)
            sendAtLocal = time.local(message.sendAt)
            kind = message.kind
            kindName = message.kind == .reminder ? "提醒" : "督办"
            step = message.step
            dutyID = occurrence.dutyID
            dutyTitle = names.duties[occurrence.dutyID] ?? occurrence.dutyID
            unitCode = occurrence.unitCode.rawValue
            unitName = names.units[occurrence.unitCode] ?? occurrence.unitCode.rawValue
            periodLabel = occurrence.periodLabel
            dueDate = occurrence.dueDate.description
            dueAt = time.iso(occurrence.dueAt)
            dueAtLocal = time.local(occurrence.dueAt)
            recipientID = message.recipientID
            recipientName = names.officials[message.recipientID] ?? message.recipientID
            role = message.roleID
            roleName = names.roles[message.roleID] ?? message.roleID
            channel = message.channel.rawValue
            key = message.key
        }
    }

    public var from: String
    public var to: String
    public var timeZone: String
    public var warnings: [String]
    public var messages: [Message]

    /// How many reminders.
    public var reminderCount: Int { messages.filter { $0.kind == .reminder }.count }
    /// How many escalation messages.
    public var escalationCount: Int { messages.count - reminderCount }
    /// How many distinct occurrences the messages concern.
    public var occurrenceCount: Int { Set(messages.map { $0.key.split(separator: "/").prefix(4).joined(separator: "/") }).count }

    enum CodingKeys: String, CodingKey {
        case from, to, timeZone = "time_zone", warnings, messages, summary
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(
            ["messages": messages.count, "reminders": reminderCount, "escalations": escalationCount, "occurrences": occurrenceCount],
            forKey: .summary)
        try container.encode(messages, forKey: .messages)
    }
}
