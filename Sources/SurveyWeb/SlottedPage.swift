import NIOCore

/// A page rendered once with placeholders, served many times with the placeholders filled in.
struct SlottedPage: Sendable {
    /// The placeholders a template may contain; their values must need no HTML escaping.
    enum Slot: String, CaseIterable, Sendable {
        case token = "%%TOKEN%%"
        case code = "%%CODE%%"
    }

    private let segments: [ByteBuffer]
    private let slots: [Slot]

    /// Splits rendered HTML at every placeholder.
    init(_ html: String) {
        var segments: [ByteBuffer] = []
        var slots: [Slot] = []
        var rest = Substring(html)
        while let (slot, range) = Slot.allCases.compactMap({ slot in rest.range(of: slot.rawValue).map { (slot, $0) } })
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

    /// The page with each placeholder replaced by its value.
    func filled(_ values: [Slot: String]) -> [ByteBuffer] {
        var buffers: [ByteBuffer] = []
        for (index, slot) in slots.enumerated() {
            buffers.append(segments[index])
            buffers.append(ByteBuffer(string: values[slot] ?? ""))
        }
        buffers.append(segments[segments.count - 1])
        return buffers
    }

    var byteCount: Int { segments.reduce(0) { $0 + $1.readableBytes } }
}
