import HTTPTypes
import Hummingbird

/// One route the daemon serves (接口), with the methods it answers (HEAD wherever GET): the registrations
/// take their paths and refuse other methods from these values, and the docs test checks each is documented.
public struct HTTPRoute: Sendable, Hashable {
    /// The path as the router takes it, parameters as `:name`, e.g. `/api/v1/occurrences/:id`.
    public var path: String
    public var methods: [HTTPRequest.Method]

    public init(_ path: String, _ methods: [HTTPRequest.Method]) {
        self.path = path
        self.methods = methods
    }

    /// The path for a router group mounted at `prefix` (`/api/v1/`), or for the root router with `/`.
    func routerPath(under prefix: String = "/") -> RouterPath {
        RouterPath(String(path.dropFirst(prefix.count)))
    }

    /// Whether a request path is this route's: literal segments equal, a `:name` segment any non-empty one; a
    /// trailing slash is ignored, as the router ignores it.
    func matches(_ requestPath: String) -> Bool {
        let pattern = path.split(separator: "/"), given = requestPath.split(separator: "/")
        guard pattern.count == given.count else { return false }
        return zip(pattern, given).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }
}

extension RouterMethods {
    /// Answers every method `route` does not serve with 405 and `Allow`.
    func refuseOtherMethods(_ route: HTTPRoute, under prefix: String = "/") {
        refuseOtherMethods(route.routerPath(under: prefix), allowing: route.methods)
    }
}
