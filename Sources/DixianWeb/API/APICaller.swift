import DixianConsole
import DixianDirectory
import DixianStore
import Hummingbird

/// Who calls the JSON API (接口调用者), set by ``APICallerMiddleware`` for the handler it guards.
///
/// The operator's bearer token sees the whole directory and may change things. A console session cookie sees
/// what the person's console pages show and may only read: the console's forms, with their CSRF tokens, are
/// where a person acts.
public enum APICaller: Sendable {
    case operatorToken
    case session(APISession)

    @TaskLocal static var current: APICaller?

    /// The scope a handler puts in its query: nil (everything) for the operator. Throws 401 when no middleware
    /// set a caller, so that a route registered outside the guard sees nothing rather than everything.
    static func scope() throws -> AccessScope? {
        switch current {
        case .operatorToken: nil
        case .session(let session): session.scope
        case nil: throw APIError.unauthorized
        }
    }

    /// Throws `notFound` when a session's person does not see the object, the same answer as for one that does
    /// not exist; the operator sees every object.
    static func requireSeen(_ object: APISession.Object, _ id: Int64, gate: DatabaseGate, notFound: @autoclosure () -> any Error) async throws {
        switch current {
        case .operatorToken: return
        case .session(let session):
            guard try await gate.run("scope", { try await session.sees(object, id) }) else { throw notFound() }
        case nil: throw APIError.unauthorized
        }
    }
}

/// A console session presented to the JSON API: the person's scope, and how to ask the database whether one
/// object is in it.
public struct APISession: Sendable {
    /// The kinds of object an API route names by id.
    public enum Object: Sendable {
        case occurrence, alert, signal, monitoringCase
    }

    public var scope: AccessScope
    /// The person's active directory rows (who may read a plugin's stored override: ``OverrideAccess``).
    public var officials: [Official]
    /// Whether the scope sees the object, decided in SQL (``ConsoleStore``'s scoped lookups).
    public var sees: @Sendable (Object, Int64) async throws -> Bool

    public init(scope: AccessScope, officials: [Official] = [], sees: @escaping @Sendable (Object, Int64) async throws -> Bool) {
        self.scope = scope
        self.officials = officials
        self.sees = sees
    }
}

/// Finds the console session a request carries, nil when it carries none that is valid; runs behind the
/// database gate.
public typealias APISessionLookup = @Sendable (Request) async throws -> APISession?
