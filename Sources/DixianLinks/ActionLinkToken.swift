/// A freshly signed token and what it says; the caller stores ``claims``' nonce and puts ``token`` in the URL.
public struct ActionLinkToken: Sendable, Hashable {
    /// `base64url(claims) "." base64url(HMAC-SHA256)`, URL-safe without escaping.
    public var token: String
    public var claims: ActionLinkClaims

    public init(token: String, claims: ActionLinkClaims) {
        self.token = token
        self.claims = claims
    }
}
