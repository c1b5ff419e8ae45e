import Crypto
import Foundation

/// Makes and checks the signed tokens of one-click confirmation links (`/a/TOKEN`) and calendar feeds
/// (`/ical/TOKEN.ics`).
///
/// A token is `base64url(claims) "." base64url(HMAC-SHA256(key, claims))`. Each purpose has its own key,
/// derived from the secret with HKDF-SHA256, so a calendar feed token (long-lived, often pasted into
/// calendar apps) can never confirm a duty, and a confirm link can never read a feed.
///
/// Key rotation: give the new secret first and keep the old ones until the links they signed have
/// expired. New tokens are always signed with the first secret; verification accepts any of them.
/// The signer checks authenticity and expiry only; single use is the store's job, by nonce.
public struct ActionLinkSigner: Sendable {
    /// The shortest secret accepted, in bytes (the HMAC-SHA256 output size; shorter keys weaken it).
    public static let minimumSecretLength = 32
    /// Longer strings are refused before any decoding (a real token is under 450 characters).
    static let maximumTokenLength = 512

    /// Per secret, the derived key of each action, current secret first.
    private let keys: [[ActionLinkClaims.Action: SymmetricKey]]

    /// - Parameter secrets: the current secret first, then retired ones still accepted; each at least
    ///   ``minimumSecretLength`` bytes of random data.
    public init(secrets: [Data]) throws(ActionLinkError) {
        guard !secrets.isEmpty else {
            throw ActionLinkError(.weakSecret, "未配置链接签名密钥。")
        }
        for (index, secret) in secrets.enumerated() where secret.count < Self.minimumSecretLength {
            throw ActionLinkError(
                .weakSecret, "链接签名密钥太短：至少需要\(Self.minimumSecretLength)字节。",
                context: ["index": String(index), "bytes": String(secret.count)]
            )
        }
        self.keys = secrets.map { secret in
            let material = SymmetricKey(data: secret)
            var derived: [ActionLinkClaims.Action: SymmetricKey] = [:]
            for action in ActionLinkClaims.Action.allCases {
                derived[action] = HKDF<SHA256>.deriveKey(
                    inputKeyMaterial: material, info: Data(action.keyLabel.utf8), outputByteCount: 32
                )
            }
            return derived
        }
    }

    /// Signs claims with the current secret and the key of their action.
    public func sign(_ claims: ActionLinkClaims) throws(ActionLinkError) -> ActionLinkToken {
        let bytes = try claims.encoded()
        let mac = HMAC<SHA256>.authenticationCode(for: bytes, using: self.keys[0][claims.action]!)
        let token = Base64URL.encode(bytes) + "." + Base64URL.encode(Array(mac))
        // Return the claims as a verifier will read them back (expiry in whole seconds).
        var stored = claims
        stored.expiresAt = Date(timeIntervalSince1970: TimeInterval(ActionLinkClaims.seconds(claims.expiresAt)!))
        return ActionLinkToken(token: token, claims: stored)
    }

    /// A one-click confirmation token for `officialID` and one occurrence, with a fresh nonce.
    ///
    /// - Parameter generator: the nonce's randomness; `SystemRandomNumberGenerator` in production.
    public func confirmToken(
        occurrenceID: Int64, officialID: String, expiresAt: Date, using generator: inout some RandomNumberGenerator
    ) throws(ActionLinkError) -> ActionLinkToken {
        try self.sign(ActionLinkClaims(
            action: .confirm, occurrenceID: occurrenceID, officialID: officialID, expiresAt: expiresAt,
            nonce: .random(using: &generator)
        ))
    }

    /// Checks a confirmation token and returns its claims: authentic, for confirming, not expired at `now`.
    public func verifyConfirmToken(_ token: some StringProtocol, now: Date) throws(ActionLinkError) -> ActionLinkClaims {
        try self.verify(token, for: .confirm, now: now)
    }

    /// Checks a token of the given action: shape, version, signature (constant time, against every
    /// configured secret), then expiry. A forged token is reported as a bad signature, never as expired.
    public func verify(
        _ token: some StringProtocol, for action: ActionLinkClaims.Action, now: Date
    ) throws(ActionLinkError) -> ActionLinkClaims {
        guard token.utf8.count <= Self.maximumTokenLength else { throw .malformed("token too long") }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .malformed("expected two parts, found \(parts.count)") }
        guard let claimBytes = Base64URL.decode(parts[0]), let mac = Base64URL.decode(parts[1]) else {
            throw .malformed("not base64url")
        }
        guard mac.count == SHA256.byteCount else { throw .malformed("signature length \(mac.count)") }
        // The version decides how the rest is checked, so it is read before the signature.
        guard let version = claimBytes.first else { throw .malformed("empty claims") }
        guard version == ActionLinkClaims.currentVersion else { throw .wrongVersion(version) }
        guard claimBytes.count > ActionLinkClaims.fixedByteCount, claimBytes.count <= ActionLinkClaims.maximumByteCount else {
            throw .malformed("claims length \(claimBytes.count)")
        }
        let authentic = self.keys.contains { keys in
            HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: claimBytes, using: keys[action]!)
        }
        guard authentic else { throw .badSignature }
        let claims = try ActionLinkClaims.decode(claimBytes)
        // Unreachable with separate keys per action; kept so a mistake there cannot widen a token's use.
        guard claims.action == action else { throw .badSignature }
        guard claims.isValid(at: now) else { throw .expired(at: ActionLinkClaims.seconds(claims.expiresAt) ?? 0) }
        return claims
    }

    /// The length of a poster token.
    public static let posterTokenLength = 22

    /// The token of a village's self-declaration poster (农户自主申报二维码, `/apply/TOKEN`): fixed for the village
    /// and the secret, so a printed poster keeps working, and unguessable without the secret (128 bits of an
    /// HMAC). Rotating the secret replaces every poster once the old secret is dropped.
    public func posterToken(village: String) -> String {
        Self.posterToken(village: village, key: keys[0][.applyPoster]!)
    }

    /// The village among `villages` whose poster carries `token`, under any configured secret; nil for none.
    public func posterVillage(_ token: some StringProtocol, among villages: [String]) -> String? {
        guard token.utf8.count == Self.posterTokenLength else { return nil }
        let given = Array(token.utf8)
        for secretKeys in keys {
            let key = secretKeys[.applyPoster]!
            for village in villages where Self.equalInConstantTime(Array(Self.posterToken(village: village, key: key).utf8), given) {
                return village
            }
        }
        return nil
    }

    private static func posterToken(village: String, key: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(("apply:" + village).utf8), using: key)
        return String(Base64URL.encode(Array(mac).prefix(16)).prefix(posterTokenLength))
    }

    private static func equalInConstantTime(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
