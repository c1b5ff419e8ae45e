import Foundation

/// What a signed link says: who may do what to which occurrence, until when.
///
/// The claims travel in the token in clear (base64url, not encrypted); they carry ids, never names or
/// personal data, so a forwarded or logged link reveals nothing beyond what it authorises.
public struct ActionLinkClaims: Sendable, Hashable {
    /// What the token is for. It is signed with a key derived for that purpose alone, so a token of
    /// one purpose never verifies as the other.
    public enum Action: UInt8, Sendable, Hashable, CaseIterable {
        /// `GET/POST /a/TOKEN`: confirm one occurrence done.
        case confirm = 1
        /// `GET /ical/TOKEN.ics`: read one official's calendar feed.
        case calendarFeed = 2
        /// `GET/POST /apply/TOKEN`: a village's self-declaration poster (not a claims token; the key only).
        case applyPoster = 3

        /// The HKDF `info` that separates the purposes' keys.
        var keyLabel: String {
            switch self {
            case .confirm: "dixian action-link v1 confirm"
            case .calendarFeed: "dixian action-link v1 calendar-feed"
            case .applyPoster: "dixian village-poster v1"
            }
        }
    }

    /// The format version this build writes and reads.
    public static let currentVersion: UInt8 = 1

    /// Format version (``currentVersion`` for tokens made here).
    public var version: UInt8
    public var action: Action
    /// The occurrence's database id; 0 in calendar feed tokens, which are not about one occurrence.
    public var occurrenceID: Int64
    /// The official the link was sent to (工号, 1–255 UTF-8 bytes).
    public var officialID: String
    /// The end of validity, in whole seconds (fractions are dropped when signing).
    public var expiresAt: Date
    /// Random per token; the store's handle for single use and revocation.
    public var nonce: ActionLinkNonce

    public init(
        version: UInt8 = Self.currentVersion, action: Action, occurrenceID: Int64, officialID: String, expiresAt: Date,
        nonce: ActionLinkNonce
    ) {
        self.version = version
        self.action = action
        self.occurrenceID = occurrenceID
        self.officialID = officialID
        self.expiresAt = expiresAt
        self.nonce = nonce
    }

    /// Whether the link is still valid at `now` (valid up to, not including, the expiry second).
    public func isValid(at now: Date) -> Bool {
        now < self.expiresAt
    }
}
