import DixianCore
import Hummingbird
import Logging

/// Guards the JSON API's routes: `Authorization: Bearer <token>` is the operator (``APICaller/operatorToken``);
/// without it, a console session cookie is the signed-in person, who may read (GET, HEAD) what their pages show
/// and is refused any write with 403.
///
/// The token is read per request, so a reload that sets, changes or removes `api.token_file` takes effect at
/// once. A wrong token is 401 and is never retried as a session. With neither credential the routes answer 401,
/// or 404 while no token is configured: an API that is off should look absent, not locked.
struct APICallerMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The configured token, or nil when the token API is off.
    let token: @Sendable () -> Secret<String>?
    /// The console's session lookup; nil when the daemon runs without the console.
    let sessions: APISessionLookup?
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let caller: APICaller
        switch await Self.caller(request, token: token(), sessions: sessions, logger: logger) {
        case .caller(let found): caller = found
        case .refused(let refusal): return refusal
        }
        if case .session = caller, request.method != .get, request.method != .head {
            return APIError.sessionReadOnly.response
        }
        return try await APICaller.$current.withValue(caller) { try await next(request, context) }
    }

    /// Who a request's credentials name, or the answer that refuses it.
    enum Resolution {
        case caller(APICaller)
        case refused(Response)
    }

    /// The caller, or the answer that refuses the request.
    static func caller(_ request: Request, token: Secret<String>?, sessions: APISessionLookup?, logger: Logger) async -> Resolution {
        if let presented = bearerToken(request.headers[.authorization]) {
            guard let token else { return .refused(APIError.disabled.response) }
            guard constantTimeEquals(Array(presented.utf8), Array(token.value.utf8)) else { return .refused(APIError.unauthorized.response) }
            return .caller(.operatorToken)
        }
        if let sessions {
            do {
                if let session = try await sessions(request) { return .caller(.session(session)) }
            } catch {
                return .refused(APIAnswer.response(for: error, logger: logger))
            }
        }
        return .refused(token == nil ? APIError.disabled.response : APIError.unauthorized.response)
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
