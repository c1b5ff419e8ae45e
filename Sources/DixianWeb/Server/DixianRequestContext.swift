import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's basics plus the peer's address, which the public
/// self-declaration form limits submissions by.
public struct DixianRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connected peer (the proxy's address when dixian runs behind one).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}
