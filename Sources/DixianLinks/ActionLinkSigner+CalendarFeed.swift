import Foundation

extension ActionLinkSigner {
    /// A suggested lifetime for calendar feed tokens: a year, so a subscription in a phone calendar keeps
    /// working without the official doing anything, while a leaked address does not stay valid for ever.
    public static let calendarFeedLifetime: TimeInterval = 366 * 86_400

    /// A calendar feed token for `GET /ical/TOKEN.ics`: one official's duties, read-only.
    ///
    /// It is signed with the feed's own key, so it cannot be used as a confirmation link. Its nonce lets
    /// the store revoke this one address (after a leak) without rotating the secret for everyone.
    public func calendarFeedToken(
        officialID: String, expiresAt: Date, using generator: inout some RandomNumberGenerator
    ) throws(ActionLinkError) -> ActionLinkToken {
        try self.sign(ActionLinkClaims(
            action: .calendarFeed, occurrenceID: 0, officialID: officialID, expiresAt: expiresAt,
            nonce: .random(using: &generator)
        ))
    }

    /// Checks a calendar feed token; a trailing `.ics` (the path's last component as is) is accepted.
    public func verifyCalendarFeedToken(_ token: some StringProtocol, now: Date) throws(ActionLinkError) -> ActionLinkClaims {
        let bare = token.hasSuffix(".ics") ? token.dropLast(4) : token[...]
        return try self.verify(bare, for: .calendarFeed, now: now)
    }
}
