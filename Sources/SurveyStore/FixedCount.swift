/// Counts written by public submissions are stored with a large bias so that every value takes SQLite's
/// 8-byte integer encoding: a changed count then has the same record size, and SQLite overwrites the cell
/// where it stands instead of moving it to the page's free end, where its position would tell which
/// counts changed most recently.
enum FixedCount {
    static let bias: Int64 = 1 << 48

    /// The stored form of a count.
    static func stored(_ count: Int) -> Int64 { bias + Int64(count) }

    /// The count a stored value stands for.
    static func count(_ stored: Int64) -> Int { Int(stored - bias) }

    /// A SQL expression reading a stored count column as its count.
    static func sql(_ column: String) -> String { "(\(column) - \(bias))" }
}
