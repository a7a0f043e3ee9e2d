import Foundation

/// A urlencoded request body as field → value; the first value of a repeated key wins.
enum FormBody {
    static func parse(_ body: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = decode(parts[0]), !key.isEmpty else { continue }
            let value = parts.count == 2 ? decode(parts[1]) ?? "" : ""
            if values[key] == nil { values[key] = value }
        }
        return values
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
