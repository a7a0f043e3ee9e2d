import CZlib

/// Raw deflate through the system zlib, the compression zip entries use (method 8).
enum Deflate {
    /// `bytes` deflated, or nil when zlib fails (the entry is then stored as it is).
    static func compress(_ bytes: [UInt8]) -> [UInt8]? {
        guard !bytes.isEmpty, bytes.count < Int(UInt32.max) else { return nil }
        var output = [UInt8](repeating: 0, count: Int(prongsai_deflate_bound(UInt(bytes.count))))
        var outputLength = UInt(output.count)
        let status = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { target in
                prongsai_deflate_raw(input.baseAddress, UInt(input.count), target.baseAddress, &outputLength)
            }
        }
        guard status == Z_OK else { return nil }
        return Array(output.prefix(Int(outputLength)))
    }
}
