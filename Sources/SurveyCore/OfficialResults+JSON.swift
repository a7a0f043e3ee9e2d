extension OfficialResults {
    /// The results in the JSON shape of `prongsai report --json`: the ranked indicators, tools, total and level with
    /// scores as two-decimal numbers like the rest of the report, then the items and notes.
    public var json: JSONValue {
        .object([
            ("year", .int(fiscalYear)),
            ("scheme", .string(scheme.rawValue)),
            ("schemeChosen", .bool(levelScheme != nil)),
            (
                "indicators",
                .array(
                    ranking.map { ranked in
                        .object([
                            ("number", .int(ranked.indicator.number)), ("name", .string(ranked.indicator.name.th)),
                            ("score", .score(ranked.score)), ("rank", .int(ranked.rank)),
                        ])
                    })
            ),
            ("iit", .score(iit)),
            ("eit", .score(eit)),
            ("oit", .score(oit)),
            ("total", .score(total)),
            ("publishedTotal", .score(publishedTotal)),
            // `total` is the published total when one was typed; this is what the indicators give.
            ("computedTotal", .score(computedTotal)),
            ("level", level.map { .string($0.name.th) } ?? .null),
            ("missingTools", .array(missingTools.map { .string($0.code) })),
            ("items", .object(itemScores.keys.sorted().map { ($0.description, .score(itemScores[$0])) })),
            (
                "notes",
                .array(
                    notes.map { note in
                        .object([
                            ("id", note.subject.map { .string($0.description) } ?? .null), ("text", .string(note.text)),
                        ])
                    })
            ),
        ])
    }
}

extension AssessmentResult {
    /// The round's result with the year's official results beside it, when there are any.
    public func json(official: OfficialResults?) -> JSONValue {
        guard let official, case .object(let members) = json else { return json }
        return .object(members + [("official", official.json)])
    }
}
