import DixianScheduling
import DixianStore
import Foundation

/// Makes the signed links officials receive (一键确认链接, calendar subscriptions): the URL, the token and
/// its expiry, with the key the configuration names or, by default, the one kept in the database.
public struct ActionLinks: Sendable {
    /// The name of the generated key in `generated_secrets`.
    static let generatedSecretName = "action-links"

    public let signer: ActionLinkSigner
    public let baseURL: String
    public let timeToLive: TimeInterval

    public init(signer: ActionLinkSigner, baseURL: String, timeToLive: TimeInterval) {
        self.signer = signer
        self.baseURL = baseURL
        self.timeToLive = timeToLive
    }

    /// Links per `configuration.links`; without `secret_file` the key shared by every replica through the database.
    public static func make(_ configuration: Configuration.Links, store: ScheduleStore) async throws -> ActionLinks {
        let secret: Data
        if let configured = configuration.secret {
            secret = Data(configured.value.utf8)
        } else {
            secret = Data(try await store.generatedSecret(named: generatedSecretName))
        }
        let seconds = configuration.timeToLive.components.seconds
        return ActionLinks(signer: try ActionLinkSigner(secrets: [secret]), baseURL: configuration.baseURL, timeToLive: TimeInterval(seconds))
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
}
