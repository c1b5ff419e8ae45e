import Foundation

/// How long console credentials live (会话时限). A cadre on a phone signs in through an email link, so a session
/// outlives a working day but not a week of absence; the link itself is short-lived and single use.
public struct SessionPolicy: Sendable, Hashable {
    /// A sign-in link works this long after it was requested (15 minutes).
    public var signInLinkLifetime: TimeInterval
    /// A session unused this long ends (12 hours).
    public var idleTimeout: TimeInterval
    /// A session ends this long after sign-in, however much it is used (7 days).
    public var absoluteLifetime: TimeInterval
    /// Sign-in requests from one client address within ``requestWindow`` (20).
    public var requestsPerAddress: Int
    /// Sign-in requests for one email address within ``requestWindow`` (5), whether or not it is registered.
    public var requestsPerAccount: Int
    /// The window of the two request limits (15 minutes).
    public var requestWindow: TimeInterval

    public init(
        signInLinkLifetime: TimeInterval = 15 * 60, idleTimeout: TimeInterval = 12 * 3600, absoluteLifetime: TimeInterval = 7 * 86400,
        requestsPerAddress: Int = 20, requestsPerAccount: Int = 5, requestWindow: TimeInterval = 15 * 60
    ) {
        self.signInLinkLifetime = signInLinkLifetime
        self.idleTimeout = idleTimeout
        self.absoluteLifetime = absoluteLifetime
        self.requestsPerAddress = requestsPerAddress
        self.requestsPerAccount = requestsPerAccount
        self.requestWindow = requestWindow
    }

    /// The defaults above.
    public static let standard = SessionPolicy()
}
