import DixianCore
import Foundation
import Testing

@testable import DixianLinks

@Suite("Calendar feed tokens")
struct CalendarFeedTokenTests {
    static let now = Date(timeIntervalSince1970: 1_785_484_800)
    let signer = try! ActionLinkSigner(secrets: [Data(repeating: 0x5A, count: 32)])

    func feed(seed: UInt64 = 1) throws -> ActionLinkToken {
        var random = SeededRandom(seed: seed)
        return try signer.calendarFeedToken(
            officialID: "qj-0042", expiresAt: Self.now.addingTimeInterval(ActionLinkSigner.calendarFeedLifetime),
            using: &random
        )
    }

    @Test("a feed token verifies, with or without the .ics suffix")
    func roundTrip() throws {
        let signed = try feed()
        for path in [signed.token, signed.token + ".ics"] {
            let claims = try signer.verifyCalendarFeedToken(path, now: Self.now.addingTimeInterval(300 * 86_400))
            #expect(claims.action == .calendarFeed)
            #expect(claims.officialID == "qj-0042")
            #expect(claims.occurrenceID == 0)
        }
    }

    @Test("a feed token can never confirm, and a confirm token can never read a feed")
    func purposesAreSeparate() throws {
        let feedToken = try feed().token
        var random = SeededRandom(seed: 2)
        let confirmToken = try signer.confirmToken(
            occurrenceID: 4711, officialID: "qj-0042", expiresAt: Self.now.addingTimeInterval(86_400), using: &random
        ).token
        let asConfirm = #expect(throws: ActionLinkError.self) { try signer.verifyConfirmToken(feedToken, now: Self.now) }
        #expect(asConfirm?.code == .badSignature)
        let asFeed = #expect(throws: ActionLinkError.self) { try signer.verifyCalendarFeedToken(confirmToken, now: Self.now) }
        #expect(asFeed?.code == .badSignature)
        #expect(throws: ActionLinkError.self) { try signer.verifyCalendarFeedToken(confirmToken + ".ics", now: Self.now) }
    }

    @Test("same claims, different purpose: the signatures differ")
    func separateKeys() throws {
        var random = SeededRandom(seed: 3)
        let nonce = ActionLinkNonce.random(using: &random)
        let expiry = Self.now.addingTimeInterval(60)
        let a = try signer.sign(.init(action: .confirm, occurrenceID: 0, officialID: "x", expiresAt: expiry, nonce: nonce))
        let b = try signer.sign(.init(action: .calendarFeed, occurrenceID: 0, officialID: "x", expiresAt: expiry, nonce: nonce))
        #expect(a.token.split(separator: ".")[1] != b.token.split(separator: ".")[1])
    }

    @Test("feed tokens expire too")
    func expiry() throws {
        let token = try feed().token
        let error = #expect(throws: ActionLinkError.self) {
            try signer.verifyCalendarFeedToken(token, now: Self.now.addingTimeInterval(ActionLinkSigner.calendarFeedLifetime))
        }
        #expect(error?.code == .expired)
    }
}
