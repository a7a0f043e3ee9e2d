/// A zip file built in memory: entries in the order added, UTF-8 names, a fixed timestamp so that the same entries
/// always give the same bytes.
struct ZipArchive {
    /// One file of the archive as it will be written.
    private struct Entry {
        let name: [UInt8]
        let method: UInt16
        let crc: UInt32
        let size: UInt32
        let data: [UInt8]
        let offset: UInt32
    }

    private var entries: [Entry] = []
    private var body: [UInt8] = []

    /// 1980-01-01 00:00, the earliest moment MS-DOS time can say.
    private static let dosTime: UInt16 = 0
    private static let dosDate: UInt16 = (1 << 5) | 1
    /// General purpose flag bit 11: the name is UTF-8.
    private static let utf8Names: UInt16 = 1 << 11
    private static let stored: UInt16 = 0
    private static let deflated: UInt16 = 8

    /// Adds a file under `path` (forward slashes, no leading slash), deflated when that makes it smaller.
    mutating func add(_ path: String, _ content: [UInt8], compress: Bool = true) {
        let packed = compress ? Deflate.compress(content).flatMap { $0.count < content.count ? $0 : nil } : nil
        let entry = Entry(
            name: Array(path.utf8), method: packed == nil ? Self.stored : Self.deflated,
            crc: CRC32.checksum(content), size: UInt32(content.count), data: packed ?? content,
            offset: UInt32(body.count))
        body += header(signature: 0x0403_4B50, entry) + entry.name + entry.data
        entries.append(entry)
    }

    /// The whole archive: the entries, then the central directory and its end record.
    var bytes: [UInt8] {
        var directory: [UInt8] = []
        for entry in entries {
            directory += littleEndian(UInt32(0x0201_4B50)) + littleEndian(UInt16(20))  // made by: MS-DOS, zip 2.0
            directory += Array(header(signature: nil, entry))
            directory += littleEndian(UInt16(0)) + littleEndian(UInt16(0))  // comment length, disk number
            directory += littleEndian(UInt16(0)) + littleEndian(UInt32(0))  // internal and external attributes
            directory += littleEndian(entry.offset) + entry.name
        }
        var end = littleEndian(UInt32(0x0605_4B50)) + littleEndian(UInt16(0)) + littleEndian(UInt16(0))
        end += littleEndian(UInt16(entries.count)) + littleEndian(UInt16(entries.count))
        end += littleEndian(UInt32(directory.count)) + littleEndian(UInt32(body.count)) + littleEndian(UInt16(0))
        return body + directory + end
    }

    /// The fields a local header and a central directory record share, from "version needed" to "extra length",
    /// preceded by the local header's signature when one is given.
    private func header(signature: UInt32?, _ entry: Entry) -> [UInt8] {
        var fields = signature.map { littleEndian($0) } ?? []
        fields += littleEndian(UInt16(20)) + littleEndian(Self.utf8Names) + littleEndian(entry.method)
        fields += littleEndian(Self.dosTime) + littleEndian(Self.dosDate) + littleEndian(entry.crc)
        fields += littleEndian(UInt32(entry.data.count)) + littleEndian(entry.size)
        fields += littleEndian(UInt16(entry.name.count)) + littleEndian(UInt16(0))
        return fields
    }

    private func littleEndian(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }

    private func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }
}
