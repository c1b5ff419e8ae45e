import DixianDispatch
import Foundation
import Testing

@Suite("Which claimed messages travel together")
struct OutboxGroupingTests {
    func message(_ id: Int64, recipient: String, kind: OutboxKind = .reminder, digest: String? = nil, at offset: TimeInterval = 0) -> OutboxMessage {
        OutboxMessage(
            id: id, key: "occ\(id)/r0/\(recipient)/email", occurrenceID: id, kind: kind, step: "r0", recipientID: recipient,
            roleID: "village_cadre", channel: "email", sendAt: Date(timeIntervalSince1970: 1_000 + offset), status: .sending,
            isCatchUp: false, attempts: 1, digestKey: digest)
    }

    @Test("per recipient, notices apart, chunked, and keys independent of claim order")
    func perRecipient() {
        let messages = (1...5).map { message($0, recipient: "a") } + [message(6, recipient: "b"), message(7, recipient: "a", kind: .notice)]
        let groups = OutboxGrouping.groups(messages, allRecipients: false, maxItems: 3)
        #expect(groups.map(\.messages.count) == [3, 2, 1, 1])
        #expect(groups[3].messages[0].kind == .notice)
        #expect(groups[2].key == messages[5].key, "a single message keeps its own key")
        let shuffled = OutboxGrouping.groups(messages.reversed(), allRecipients: false, maxItems: 3)
        #expect(shuffled.map(\.key) == groups.map(\.key))
    }

    @Test("group chats gather every recipient")
    func allRecipients() {
        let messages = [message(1, recipient: "a"), message(2, recipient: "b"), message(3, recipient: "c")]
        let groups = OutboxGrouping.groups(messages, allRecipients: true, maxItems: 20)
        #expect(groups.count == 1 && groups[0].isDigest)
    }

    @Test("messages claimed before stay in their first group, whatever else is due now")
    func fixedGroups() {
        let earlier = [message(1, recipient: "a"), message(2, recipient: "a")]
        let key = OutboxGrouping.key(for: earlier)
        let reclaimed = earlier.map { var m = $0; m.digestKey = key; return m }
        let single = message(3, recipient: "a", digest: "occ3/r0/a/email")
        let groups = OutboxGrouping.groups(reclaimed + [single, message(4, recipient: "a")], allRecipients: false, maxItems: 20)
        #expect(groups.map(\.key).contains(key))
        #expect(groups.first { $0.key == key }?.ids == [1, 2])
        #expect(groups.first { $0.key == "occ3/r0/a/email" }?.ids == [3])
        #expect(groups.first { $0.ids == [4] }?.key == "occ4/r0/a/email")
    }
}
