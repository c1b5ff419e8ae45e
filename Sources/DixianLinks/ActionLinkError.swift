import DixianCore

/// Why a signed link could not be made or was refused, with a stable code and a Chinese message.
///
/// The context never holds the token or a secret: a token is a credential and error texts end up in logs.
public struct ActionLinkError: Error, Sendable, Hashable, ContextualError {
    /// Stable error codes, safe to match on.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let description: String

        /// Not a token of ours at all: wrong shape, bad base64url, wrong lengths, undecodable claims.
        public static let malformed = Code(description: "malformed")
        /// Well formed, but no configured secret signed it for this purpose (forged, altered, signed with
        /// a retired secret, or a token of the other purpose, e.g. a calendar feed token used to confirm).
        public static let badSignature = Code(description: "bad_signature")
        /// Genuine, but past its expiry.
        public static let expired = Code(description: "expired")
        /// Made by a format version this build does not know.
        public static let wrongVersion = Code(description: "wrong_version")
        /// A secret shorter than ``ActionLinkSigner/minimumSecretLength`` bytes, or no secret at all.
        public static let weakSecret = Code(description: "weak_secret")
        /// Claims that cannot be signed (an official id that is empty or longer than 255 UTF-8 bytes).
        public static let invalidClaims = Code(description: "invalid_claims")
    }

    public var code: Code
    /// Chinese-first human text, fit to show to the person who opened the link.
    public var message: String
    public var context: [String: String]

    public init(_ code: Code, _ message: String, context: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.context = context
    }
}

extension ActionLinkError {
    static func malformed(_ reason: String) -> Self {
        Self(.malformed, "链接无效：链接不完整或已被改动，请从原邮件中重新打开。", context: ["reason": reason])
    }

    static let badSignature = Self(.badSignature, "链接无效：签名校验未通过，请从原邮件中重新打开。")

    static func expired(at expiry: Int64) -> Self {
        Self(.expired, "链接已过期，请登录系统办理或联系发送单位重新获取链接。", context: ["expires_at": String(expiry)])
    }

    static func wrongVersion(_ version: UInt8) -> Self {
        Self(.wrongVersion, "链接版本不受支持，请使用最新邮件中的链接。", context: ["version": String(version)])
    }
}
