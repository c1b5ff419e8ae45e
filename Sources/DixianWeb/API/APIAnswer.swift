import DixianStore
import Hummingbird
import Logging

/// How every `/api` handler answers what it throws: its own refusals as they are, the store's refusals as
/// their HTTP status, an unavailable database as 503, and anything else as 500 under an error id that the
/// answer carries instead of the failure's text (which is logged).
enum APIAnswer {
    static func run(logger: Logger, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch {
            return response(for: error, logger: logger)
        }
    }

    /// The answer for what a handler threw.
    static func response(for error: any Error, logger: Logger) -> Response {
        switch error {
        case let error as APIError:
            return error.response
        case let error as OverrideInvalid:
            return error.response
        case let error as StoreError where DatabaseGate.isRefusal(error):
            return APIError(error).response
        case let error as DatabaseUnavailable:
            return APIError.unavailable(error).response
        default:
            let id = ErrorID()
            logger.error("接口请求失败 (API request failed)", metadata: ["error_id": "\(id)", "error": "\(error)"])
            return APIError.internalError(id).response
        }
    }
}
