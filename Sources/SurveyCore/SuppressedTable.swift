/// A table of counts with row totals, column totals and a grand total, released so that every shown number is
/// 0 or at least k and no hidden number can be recomputed from the shown ones.
///
/// Write the table with its margins as one matrix whose rows and columns each sum to zero (cells positive,
/// totals negated, the grand total positive). The hidden entries are edges of a bipartite graph between its
/// rows and columns; a hidden entry can be changed by ±1, keeping every shown number, exactly when it lies on a
/// cycle of hidden entries, all of them at least 1. So: hide every number from 1 to k−1 (primary suppression),
/// then, while some hidden entry is a bridge of that graph, also hide the smallest non-zero shown number that
/// closes a cycle through it (complementary suppression); if none does, hide every non-zero number — the
/// non-zero entries of a zero-sum matrix never have a bridge.
public struct SuppressedTable: Sendable, Hashable {
    public let minimum: Int
    /// Cell counts by row and column; nil where hidden.
    public let cells: [[Int?]]
    public let rowTotals: [Int?]
    public let columnTotals: [Int?]
    public let total: Int?

    /// Suppresses a table of `counts` (rows of equal length) under k, hiding also the given column totals.
    public init(counts: [[Int]], columns: Int, minimum: Int, hidingColumnTotals forced: Set<Int> = []) {
        self.minimum = minimum
        let rows = counts.count
        // The extended matrix: row `rows` holds column totals, column `columns` row totals.
        var value = [[Int]](repeating: [Int](repeating: 0, count: columns + 1), count: rows + 1)
        for row in 0..<rows {
            for column in 0..<columns {
                value[row][column] = counts[row][column]
                value[row][columns] += counts[row][column]
                value[rows][column] += counts[row][column]
                value[rows][columns] += counts[row][column]
            }
        }
        var hidden = Set<Position>()
        let all = (0...rows).flatMap { row in (0...columns).map { Position(row: row, column: $0) } }
        for position in all {
            let number = value[position.row][position.column]
            if number > 0 && number < minimum { hidden.insert(position) }
        }
        for column in forced where column < columns && value[rows][column] > 0 {
            hidden.insert(Position(row: rows, column: column))
        }
        let nonZero = all.filter { value[$0.row][$0.column] > 0 }
        if !hidden.isEmpty && value[rows][columns] < minimum { hidden.formUnion(nonZero) }
        while let bridge = Self.firstBridge(hidden) {
            let graph = hidden.subtracting([bridge])
            let near = Self.component(of: .row(bridge.row), in: graph)
            let far = Self.component(of: .column(bridge.column), in: graph)
            let closing = all.filter { position in
                guard !hidden.contains(position), value[position.row][position.column] > 0 else { return false }
                let row = Node.row(position.row)
                let column = Node.column(position.column)
                return (near.contains(row) && far.contains(column)) || (far.contains(row) && near.contains(column))
            }
            guard let complement = closing.min(by: { value[$0.row][$0.column] < value[$1.row][$1.column] }) else {
                hidden.formUnion(nonZero)
                break
            }
            hidden.insert(complement)
        }
        func shown(_ row: Int, _ column: Int) -> Int? {
            hidden.contains(Position(row: row, column: column)) ? nil : value[row][column]
        }
        cells = (0..<rows).map { row in (0..<columns).map { shown(row, $0) } }
        rowTotals = (0..<rows).map { shown($0, columns) }
        columnTotals = (0..<columns).map { shown(rows, $0) }
        total = shown(rows, columns)
    }

    /// The columns whose totals are hidden.
    public var hiddenColumnTotals: Set<Int> {
        Set(columnTotals.indices.filter { columnTotals[$0] == nil })
    }

    /// Suppresses tables that share their column totals (each profile dimension crossed with gender), so that a
    /// column total hidden in one is hidden in all.
    public static func sharingColumnTotals(_ tables: [(counts: [[Int]], columns: Int)], minimum: Int)
        -> [SuppressedTable]
    {
        var forced = Set<Int>()
        while true {
            let suppressed = tables.map {
                SuppressedTable(counts: $0.counts, columns: $0.columns, minimum: minimum, hidingColumnTotals: forced)
            }
            let hidden = suppressed.reduce(into: forced) { $0.formUnion($1.hiddenColumnTotals) }
            if hidden == forced { return suppressed }
            forced = hidden
        }
    }

    /// An entry of the extended matrix.
    struct Position: Hashable, Comparable {
        let row: Int
        let column: Int

        static func < (lhs: Position, rhs: Position) -> Bool { (lhs.row, lhs.column) < (rhs.row, rhs.column) }
    }

    /// A row or a column of the extended matrix, as a node of the graph of hidden entries.
    enum Node: Hashable {
        case row(Int)
        case column(Int)
    }

    /// The nodes reachable from `start` over the hidden entries.
    static func component(of start: Node, in hidden: Set<Position>) -> Set<Node> {
        var seen: Set<Node> = [start]
        var queue = [start]
        while let node = queue.popLast() {
            for position in hidden {
                let next: Node
                switch node {
                case .row(let row) where position.row == row: next = .column(position.column)
                case .column(let column) where position.column == column: next = .row(position.row)
                default: continue
                }
                if seen.insert(next).inserted { queue.append(next) }
            }
        }
        return seen
    }

    /// The first hidden entry (in row-major order) on no cycle of hidden entries: one the margins would pin.
    static func firstBridge(_ hidden: Set<Position>) -> Position? {
        hidden.sorted().first { position in
            !component(of: .row(position.row), in: hidden.subtracting([position])).contains(.column(position.column))
        }
    }
}
