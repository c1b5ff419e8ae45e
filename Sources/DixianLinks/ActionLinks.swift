import Foundation

/// Makes the signed links officials receive (一键确认链接, calendar subscriptions): the URL, the token and
/// its expiry, with the key the configuration names or, by default, the one kept in the database.
public struct ActionLinks: Sendable {
    public let signer: ActionLinkSigner
    public let baseURL: String
    public let timeToLive: TimeInterval

    public init(signer: ActionLinkSigner, baseURL: String, timeToLive: TimeInterval) {
        self.signer = signer
        self.baseURL = baseURL
        self.timeToLive = timeToLive
    }

    /// `<base_url>/a/<token>`: confirms `occurrenceID` on behalf of `officialID`, valid for `links.ttl` from `now`.
    public func confirmURL(occurrenceID: Int64, officialID: String, now: Date) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let token = try signer.confirmToken(
            occurrenceID: occurrenceID, officialID: officialID, expiresAt: now.addingTimeInterval(timeToLive), using: &generator)
        return "\(baseURL)/a/\(token.token)"
    }

    /// `<base_url>/ical/<token>.ics`: the official's calendar feed, valid for a year.
    public func calendarURL(officialID: String, now: Date) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let token = try signer.calendarFeedToken(
            officialID: officialID, expiresAt: now.addingTimeInterval(ActionLinkSigner.calendarFeedLifetime), using: &generator)
        return "\(baseURL)/ical/\(token.token).ics"
    }

    /// The address a village's self-declaration poster prints (`/apply/TOKEN`), the same for as long as the secret.
    public func posterURL(village: String) -> String {
        "\(baseURL)/apply/\(signer.posterToken(village: village))"
    }
}
