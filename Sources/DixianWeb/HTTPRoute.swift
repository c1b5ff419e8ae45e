import HTTPTypes

/// One route the daemon serves (接口), with the methods it answers (HEAD wherever GET): the registrations
/// refuse other methods from these lists, and the docs test checks each one is documented.
public struct HTTPRoute: Sendable, Hashable {
    /// The path as the router takes it, parameters as `:name`, e.g. `/api/v1/occurrences/:id`.
    public var path: String
    public var methods: [HTTPRequest.Method]

    public init(_ path: String, _ methods: [HTTPRequest.Method]) {
        self.path = path
        self.methods = methods
    }
}
