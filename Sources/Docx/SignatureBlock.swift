/// The lines a person signs on, set in a part of the page and centred there:
/// (ลงชื่อ)………………, (name), the positions, and a date line.
public struct SignatureBlock: Sendable {
    /// Which part of the text width the block takes.
    public enum Placement: Sendable {
        /// The right 60 %, where the signer of a report or plan signs.
        case right
        /// The left 60 %, as for a signer who comments before the next one signs at the right.
        case left
        /// The middle 60 %.
        case center
    }

    /// What follows the dotted line, such as "ผู้รายงาน"; nil for nothing.
    public var role: String?
    /// The signer's name, printed in parentheses; nil prints a dotted line to write it on.
    public var name: String?
    /// Lines under the name, such as "ตำแหน่ง นายกองค์การบริหารส่วนตำบลหนองบัว".
    public var positions: [String]
    /// The date line; nil prints one with blanks for the day, month and year.
    public var date: String?
    public var placement: Placement

    /// A signature block for `name`.
    public init(
        role: String? = nil, name: String? = nil, positions: [String] = [], date: String? = nil,
        placement: Placement = .right
    ) {
        self.role = role
        self.name = name
        self.positions = positions
        self.date = date
        self.placement = placement
    }

    /// The block's lines, top to bottom.
    var lines: [String] {
        let signLine = "(ลงชื่อ)" + Self.dots + (role.map { " " + $0 } ?? "")
        let nameLine = "(" + (name ?? Self.dots) + ")"
        let dateLine = date ?? "วันที่ ........ เดือน .................... พ.ศ. ........"
        return [signLine, nameLine] + positions + [dateLine]
    }

    /// The line to sign or write a name on: long enough for a hand, short enough for a role after it in 16 points.
    private static let dots = String(repeating: ".", count: 30)

    /// Left and right indents that put the block in its part of `textWidth`.
    func indents(textWidth: Int) -> (left: Int, right: Int) {
        let margin = textWidth * 2 / 5
        return switch placement {
        case .right: (margin, 0)
        case .left: (0, margin)
        case .center: (margin / 2, margin / 2)
        }
    }
}
