import Hummingbird
import Logging

/// The first middleware of every route and of the not-found answer (请求守卫): refuses a malformed
/// request target (400) and an unknown method (501) before routing, and turns whatever a route throws
/// into an answer that never carries internal text: JSON under `/api`, plain text elsewhere.
struct RequestGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Methods some route may serve; the rest are 501 everywhere.
    static var knownMethods: [HTTPRequest.Method] { [.get, .head, .post, .put, .delete, .patch, .options, .trace] }

    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if let problem = RequestTarget.problem(request.uri.string) {
            return APIError.badRequest("invalid_target", problem).response(forPath: path)
        }
        guard Self.knownMethods.contains(request.method) else {
            return APIError.notImplemented.response(forPath: path)
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
