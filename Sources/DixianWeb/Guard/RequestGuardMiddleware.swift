import Hummingbird
import Logging

/// The first middleware of every route and of the not-found answer (请求守卫): refuses a malformed
/// request target (400) and a method no route serves before routing — 405 with `Allow` on a path that exists,
/// 404 elsewhere (a new method such as QUERY is a client's choice, not a server fault) — and turns whatever a
/// route throws into an answer that never carries internal text: JSON under `/api`, plain text elsewhere.
struct RequestGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Methods some route may serve; the router answers the rest of these 405 on each route's path.
    static var knownMethods: [HTTPRequest.Method] { [.get, .head, .post, .put, .delete, .patch, .options, .trace] }

    /// Every route, to tell a path that exists from one that does not when the method is unknown.
    let routes: [HTTPRoute]
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if let problem = RequestTarget.problem(request.uri.string) {
            return APIError.badRequest("invalid_target", problem).response(forPath: path)
        }
        guard Self.knownMethods.contains(request.method) else {
            guard let route = routes.first(where: { $0.matches(path) }) else { return APIError.notFound.response(forPath: path) }
            let allowed = route.methods.contains(.get) ? route.methods + [.head] : route.methods
            return APIError.methodNotAllowed(allowed: allowed).response(forPath: path)
        }
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response(forPath: path)
        } catch let error as DatabaseUnavailable {
            return APIError.unavailable(error).response(forPath: path)
        } catch let error as HTTPError where error.status == .notFound {
            return APIError.notFound.response(forPath: path)
        } catch let error as HTTPError where (400..<500).contains(error.status.code) {
            return APIError(error.status, code: "bad_request", "请求无效 (bad request)").response(forPath: path)
        } catch {
            let id = ErrorID()
            self.logger.error(
                "请求处理失败 (request failed)",
                metadata: ["error_id": "\(id)", "path": "\(path)", "method": "\(request.method)", "error": "\(error)"])
            return APIError.internalError(id).response(forPath: path)
        }
    }
}
