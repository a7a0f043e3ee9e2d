import Hummingbird
import NIOCore
import SurveyStore

/// The request context of every route: Hummingbird's core storage plus the peer address, which is used
/// for decisions only and never written down.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The signed-in admin, set by `AdminSessionMiddleware` on admin routes.
    var admin: Admin?
    /// The session token of the signed-in admin, which CSRF tokens are bound to.
    var sessionToken: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Request bodies larger than this are refused with 413.
    public var maxUploadSize: Int { 64 * 1024 }
}
