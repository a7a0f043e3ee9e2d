import NIOCore

/// A page rendered once with placeholders, served many times with the placeholders filled in.
struct SlottedPage: Sendable {
    /// The placeholders a template may contain; their values must need no HTML escaping. A marker holds `<` and
    /// `>`, which every value a template escapes (an agency's name, an answer) turns into `&lt;` and `&gt;`, so it
    /// can only come from the template's own `{{{…}}}`.
    enum Slot: String, CaseIterable, Sendable {
        case token

        var marker: String { "<%\(rawValue)%>" }
    }

    private let segments: [ByteBuffer]
    private let slots: [Slot]

    /// Splits rendered HTML at every placeholder.
    init(_ html: String) {
        var segments: [ByteBuffer] = []
        var slots: [Slot] = []
        var rest = Substring(html)
        while let (slot, range) = Slot.allCases.compactMap({ slot in rest.range(of: slot.marker).map { (slot, $0) } })
            .min(by: { $0.1.lowerBound < $1.1.lowerBound })
        {
            segments.append(ByteBuffer(string: String(rest[..<range.lowerBound])))
            slots.append(slot)
            rest = rest[range.upperBound...]
        }
        segments.append(ByteBuffer(string: String(rest)))
        self.segments = segments
        self.slots = slots
    }

    /// The page with each placeholder replaced by its value, in one buffer so it goes out in one write.
    func filled(_ values: [Slot: String]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(byteCount + values.values.reduce(0) { $0 + $1.utf8.count })
        for (index, slot) in slots.enumerated() {
            var segment = segments[index]
            buffer.writeBuffer(&segment)
            buffer.writeString(values[slot] ?? "")
        }
        var last = segments[segments.count - 1]
        buffer.writeBuffer(&last)
        return buffer
    }

    var byteCount: Int { segments.reduce(0) { $0 + $1.readableBytes } }

    /// How many places the page has for a slot.
    func count(of slot: Slot) -> Int {
        slots.filter { $0 == slot }.count
    }
}
