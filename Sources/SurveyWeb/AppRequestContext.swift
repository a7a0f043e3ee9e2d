import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core storage plus the peer address, which is used
/// for decisions only and never written down.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Request bodies larger than this are refused with 413.
    public var maxUploadSize: Int { 64 * 1024 }

    /// Whether the request comes from this machine itself.
    var isLoopback: Bool {
        switch remoteAddress {
        case .v4(let address)?: address.host.hasPrefix("127.")
        case .v6(let address)?: address.host == "::1" || address.host.hasPrefix("::ffff:127.")
        default: false
        }
    }
}
