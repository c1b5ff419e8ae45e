import NIOHTTP1

/// What a server answered to one request (HTTP 应答): the status, the headers and the start of the body.
public struct HTTPAnswer: Sendable {
    /// The first bytes of a body kept: receivers answer a few bytes of JSON, and the rest is read and dropped
    /// so the connection stays usable.
    public static let bodyLimit = 64 * 1024

    public var status: Int
    public var headers: HTTPHeaders
    /// At most ``bodyLimit`` bytes.
    public var body: [UInt8]
    /// Whether the connection may carry another request (HTTP/1.1 without `Connection: close`).
    public var keepAlive: Bool

    public init(status: Int, headers: HTTPHeaders, body: [UInt8], keepAlive: Bool) {
        self.status = status
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
    }
}
