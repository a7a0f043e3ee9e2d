import Foundation

/// A .docx unpacked by Python's zipfile module, a zip reader that is not ours: its entries in order, how each was
/// stored, and their contents.
struct Unzipped {
    /// Entry names in the order of the central directory.
    let names: [String]
    /// Entry name → zip method (0 stored, 8 deflated).
    let methods: [String: Int]
    private let folder: URL

    /// Unpacks `bytes` after zipfile's own check of every entry's CRC; throws when zipfile finds a fault.
    init(_ bytes: [UInt8]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("docx-unzipped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("document.docx")
        try Data(bytes).write(to: file)
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as archive:
                bad = archive.testzip()
                if bad is not None:
                    sys.exit("bad CRC in " + bad)
                archive.extractall(sys.argv[2])
                for info in archive.infolist():
                    print(info.compress_type, info.filename)
            """
        let result = try Command.run("python3", ["-c", script, file.path, folder.appendingPathComponent("parts").path])
        guard result.status == 0 else { throw Failure(message: result.errors) }
        let entries = result.output.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 1) }
        names = entries.map { String($0.last ?? "") }
        methods = Dictionary(uniqueKeysWithValues: entries.map { (String($0.last ?? ""), Int($0.first ?? "") ?? -1) })
    }

    /// The bytes of the entry `name`.
    func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent("parts").appendingPathComponent(name))
    }

    /// The text of the entry `name`.
    func text(_ name: String) throws -> String { String(decoding: try data(name), as: UTF8.self) }

    /// What zipfile said when it refused the archive.
    struct Failure: Error { let message: String }
}
