import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A block of network addresses, such as `127.0.0.0/8`, `10.0.0.0/8`, `::1` or `fd00::/8`.
public struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    private let bytes: [UInt8]
    private let prefix: Int

    /// Reads `ADDRESS` or `ADDRESS/PREFIX` (IPv4 or IPv6); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let bytes = Self.bytes(of: String(parts[0])) else { return nil }
        let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
        guard let prefix, (0...bytes.count * 8).contains(prefix), parts.count == 1 || !parts[1].contains("+") else {
            return nil
        }
        self.bytes = bytes
        self.prefix = prefix
    }

    /// This machine itself: what a reverse proxy on the same host connects from.
    public static let loopback = [AddressRange("127.0.0.0/8")!, AddressRange("::1")!]

    /// Whether an address (IPv4, IPv6, or IPv4 mapped into IPv6) lies in the block.
    public func contains(_ address: String) -> Bool {
        guard var other = Self.bytes(of: address) else { return false }
        if other.count == 16, bytes.count == 4, other.prefix(12) == Self.mappedPrefix[...] {
            other = Array(other.suffix(4))
        }
        guard other.count == bytes.count else { return false }
        for bit in 0..<prefix where (bytes[bit / 8] ^ other[bit / 8]) & (0x80 >> UInt8(bit % 8)) != 0 { return false }
        return true
    }

    public var description: String {
        let text =
            bytes.count == 4
            ? bytes.map(String.init).joined(separator: ".")
            : stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
                .joined(separator: ":")
        return prefix == bytes.count * 8 ? text : "\(text)/\(prefix)"
    }

    private static let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]

    /// The bytes of an IPv4 or IPv6 address as text; nil for a name or anything malformed.
    static func bytes(of address: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, address, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}

/// Who sent a request, for limits only (never written down): the peer, or, when the peer is a trusted proxy, the
/// nearest address it and the proxies before it forwarded that is not itself a trusted proxy.
enum ClientAddress {
    /// The client of a request, as `resolve` gives it.
    static func of(_ request: Request, _ context: AppRequestContext, trusted: [AddressRange]) -> String? {
        resolve(peer: context.remoteAddress, forwardedFor: request.headers[.xForwardedFor], trusted: trusted)
    }

    /// The client's limit key (see `limitKey`); nil when the request came from no socket (in-process tests).
    static func resolve(peer: SocketAddress?, forwardedFor: String?, trusted: [AddressRange]) -> String? {
        guard let peer = peer?.ipAddress else { return nil }
        guard trusted.contains(where: { $0.contains(peer) }), let forwardedFor else { return limitKey(peer) }
        // Each proxy appends the address it heard from; read from the right, the first one not a trusted
        // proxy is the client, and whatever lies left of it the client could have written itself.
        for hop in forwardedFor.split(separator: ",").reversed() {
            let address = hop.trimmingCharacters(in: .whitespaces)
            guard AddressRange.bytes(of: address) != nil else { return limitKey(peer) }
            if !trusted.contains(where: { $0.contains(address) }) { return limitKey(address) }
        }
        return limitKey(peer)
    }

    /// What an address is limited as: an IPv4 address itself (also when mapped into IPv6), an IPv6 address by its
    /// /64, the block one subscriber (a phone, a home) is given, so that stepping through it gains nothing.
    static func limitKey(_ address: String) -> String {
        guard let bytes = AddressRange.bytes(of: address) else { return address }
        if bytes.count == 16, bytes.prefix(12).elementsEqual(Array(repeating: 0, count: 10) + [0xFF, 0xFF]) {
            return bytes.suffix(4).map(String.init).joined(separator: ".")
        }
        guard bytes.count == 16 else { return bytes.map(String.init).joined(separator: ".") }
        let groups = stride(from: 0, to: 8, by: 2).map {
            String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16)
        }
        return groups.joined(separator: ":") + "::/64"
    }
}

extension HTTPField.Name {
    static var xForwardedFor: Self { .init("X-Forwarded-For")! }
}
