import Foundation
import NIOCore

/// Where requests go (源): scheme, host and port of a URL, and the `Host` header naming them.
public struct HTTPOrigin: Sendable, Hashable {
    public var isTLS: Bool
    /// The host to connect to, without the brackets of an IPv6 literal.
    public var host: String
    public var port: Int
    /// The `Host` header: the host as the URL writes it, with the port when it is not the scheme's default.
    public var hostHeader: String
    /// Whether ``host`` is an IP address, which TLS verifies without SNI.
    public var isIPAddress: Bool

    /// The origin of an `http` or `https` URL with a host; nil for anything else.
    public init?(url: String) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return nil }
        isTLS = scheme == "https"
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        port = components.port ?? (isTLS ? 443 : 80)
        let written = self.host.contains(":") ? "[\(self.host)]" : self.host
        hostHeader = components.port == nil ? written : "\(written):\(port)"
        isIPAddress = (try? SocketAddress(ipAddress: self.host, port: 0)) != nil
    }

    /// The request target of `url` (path and query, as written; `/` when the path is empty).
    public static func target(of url: String) -> String {
        guard let components = URLComponents(string: url) else { return "/" }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return components.percentEncodedQuery.map { path + "?" + $0 } ?? path
    }
}
