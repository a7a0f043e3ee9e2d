extension AssessmentResult {
    /// The result in the JSON shape shared by `prongsai score` and `prongsai report`.
    public var json: JSONValue {
        .object([
            ("year", .int(year)),
            ("iit", iit.json),
            ("eit", eit.json),
            ("oit", .score(settings.oit)),
            ("total", .score(total)),
            ("level", level.map { .string($0.name.th) } ?? .null),
            ("scheme", .string(settings.scheme.rawValue)),
            (
                "analysis",
                .object([
                    ("ranking", .array(analysis.ranking.map { .string(String($0.indicator.number)) })),
                    ("strengths", .array(analysis.strengths.map { .string(String($0.indicator.number)) })),
                    ("weaknesses", .array(analysis.weaknesses.map { .string(String($0.indicator.number)) })),
                    (
                        "weakItems",
                        .object(
                            analysis.weaknesses.map { weak in
                                let number = weak.indicator.number
                                return (
                                    String(number),
                                    .array((analysis.weakItems[number] ?? []).map { .string($0.item.id) })
                                )
                            })
                    ),
                ])
            ),
        ])
    }
}

extension FormResult {
    /// The form's scores; `parts` (EIT part number to score) only when its instrument declares parts.
    var json: JSONValue {
        .object(
            [
                ("instruments", .string(instrument.version)),
                ("responses", .int(responses)),
                ("population", .int(population)),
                ("minimum", .int(minimum)),
                ("score", .score(score.score)),
            ]
                + (score.parts.isEmpty
                    ? [] : [("parts", .object(score.parts.map { (String($0.part), .score($0.score)) }))])
                + [
                    ("indicators", .object(score.indicators.map { (String($0.indicator.number), .score($0.score)) })),
                    ("items", .object(score.items.map { ($0.item.id, .score($0.score)) })),
                    ("profile", .object(profileTables.map { ($0.dimension.rawValue, $0.json) })),
                ])
    }
}

extension ProfileTable {
    var json: JSONValue {
        .object(
            rows.map { row in
                (row.category.code, .object(zip(genders, row.counts).map { ($0.code, .int($1)) }))
            })
    }
}
