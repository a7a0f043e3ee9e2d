import Crypto
import Foundation
import SurveyCore

/// A digest of a set of responses that changes when any response is added, removed or altered, and does not
/// depend on their order: each response's hash is expanded into 1024 16-bit lanes and the lanes are added
/// modulo 2^16 (a lattice hash, after Bellare–Micciancio and LtHash), so the set can grow one response at a time.
public struct RoundDigest: Sendable, Hashable {
    static let laneCount = 1024
    public private(set) var count: Int
    private(set) var lanes: [UInt16]

    public init() {
        count = 0
        lanes = [UInt16](repeating: 0, count: Self.laneCount)
    }

    /// A digest stored as its lanes (little-endian) and count.
    init?(lanes data: Data, count: Int) {
        guard data.count == Self.laneCount * 2 else { return nil }
        self.count = count
        lanes = [UInt16](repeating: 0, count: Self.laneCount)
        lanes.withUnsafeMutableBytes { target in data.withUnsafeBytes { target.copyMemory(from: $0) } }
        for index in lanes.indices { lanes[index] = UInt16(littleEndian: lanes[index]) }
    }

    /// Adds one response, given as the bytes that identify it.
    mutating func add(_ canonical: Data) {
        add(vector: Self.vector(canonical))
    }

    /// Adds one response, given as its lanes.
    mutating func add(vector: [UInt16]) {
        for index in lanes.indices { lanes[index] &+= vector[index] }
        count += 1
    }

    /// Adds another digest's set into this one.
    mutating func merge(_ other: RoundDigest) {
        for index in lanes.indices { lanes[index] &+= other.lanes[index] }
        count += other.count
    }

    /// The lanes as little-endian bytes.
    var data: Data {
        lanes.map(\.littleEndian).withUnsafeBytes { Data($0) }
    }

    /// A short fingerprint to print and compare: SHA-256 of the lanes, in hex, grouped by four.
    public var fingerprint: String {
        Self.grouped(SHA256.hash(data: data))
    }

    /// The digest a coordinator publishes (on the report, in print): SHA-256 of the rows' lanes and count, of
    /// every setting the result depends on, and of how the round's instruments score (`Instrument.scoringText`),
    /// so that editing a row, a setting or an instrument file's points, even with the kept digest recomputed, no
    /// longer matches the printed copy.
    public func published(with settings: RoundSettings, instruments: [Instrument]) -> String {
        var hasher = SHA256()
        hasher.update(data: data)
        hasher.update(data: Data("\n\(count)\n\(settings.summary)".utf8))
        for instrument in instruments { hasher.update(data: Data("\n\(instrument.scoringText)".utf8)) }
        return Self.grouped(hasher.finalize())
    }

    /// Hexadecimal in groups of four, as the pages and `verify` print it.
    static func grouped(_ digest: SHA256.Digest) -> String {
        let hex = digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        return stride(from: 0, to: hex.count, by: 4).map { offset in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return String(hex[start..<hex.index(start, offsetBy: 4)])
        }.joined(separator: " ")
    }

    /// The 1024 lanes of one response: SHA-512 of its bytes followed by a block number, for 32 blocks.
    static func vector(_ canonical: Data) -> [UInt16] {
        var lanes: [UInt16] = []
        lanes.reserveCapacity(laneCount)
        var prefix = SHA512()
        prefix.update(data: canonical)
        for block in 0..<(laneCount * 2 / 64) {
            var hasher = prefix
            hasher.update(data: [UInt8(block)])
            hasher.finalize().withUnsafeBytes { bytes in
                for offset in stride(from: 0, to: 64, by: 2) {
                    lanes.append(UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8)
                }
            }
        }
        return lanes
    }
}
