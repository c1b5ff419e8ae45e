import DixianCore
import Hummingbird

/// Guards the routes behind it with `Authorization: Bearer <token>`.
///
/// The token is read per request, so a reload that sets, changes or removes `api.token_file` takes
/// effect at once. Without a token the routes answer 404: an API that is off should look absent,
/// not locked.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The configured token, or nil when the API is off.
    let token: @Sendable () -> Secret<String>?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let expected = self.token() else { return APIError.disabled.response }
        guard let presented = Self.bearerToken(request.headers[.authorization]),
              Self.constantTimeEquals(Array(presented.utf8), Array(expected.value.utf8))
        else {
            return APIError.unauthorized.response
        }
        return try await next(request, context)
    }

    /// The token of a `Bearer` credential (the scheme is case-insensitive, RFC 7235).
    static func bearerToken(_ header: String?) -> Substring? {
        guard let header, header.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
        let token = header.dropFirst(7).drop { $0 == " " }
        return token.isEmpty ? nil : token
    }

    /// Compares without an early exit, so the time taken does not tell how many leading bytes matched.
    /// Only the length can leak, which says little about a token of at least 16 characters.
    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference: UInt8 = lhs.count == rhs.count ? 0 : 1
        for index in 0..<max(lhs.count, rhs.count) {
            let a = index < lhs.count ? lhs[index] : 0
            let b = index < rhs.count ? rhs[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }
}
