extension MeasuresPlan {
    /// The plan as `prongsai measures --json` prints it: the year, what it was drafted from, and each row with its
    /// main indicator (and `indicators` when it links several), items, the texts of the plan and of the follow-up.
    public var json: JSONValue {
        .object([
            ("year", .int(fiscalYear)),
            (
                "basedOn",
                basis.map { .object([("year", .int($0.year)), ("source", .string($0.source.rawValue))]) } ?? .null
            ),
            ("edited", .bool(edited)),
            ("signer", .object([("name", .string(signer.name)), ("position", .string(signer.position))])),
            ("announcedOn", .string(announcedOn)),
            ("rows", .array(rows.map(\.json))),
            (
                "approvals",
                .object(
                    Approvals.Step.allCases.map { step in
                        (
                            step.rawValue,
                            .object([
                                ("name", .string(approvals[step].name)),
                                ("position", .string(approvals[step].position)),
                            ])
                        )
                    })
            ),
        ])
    }
}

extension MeasureRow {
    /// One row of the plan's JSON.
    var json: JSONValue {
        var members: [(String, JSONValue)] = [("indicator", .int(indicator))]
        if indicators.count > 1 { members.append(("indicators", .array(indicators.map { .int($0) }))) }
        members += [
            ("items", .array(items.map { .string($0) })), ("measure", .string(measure)), ("steps", .string(steps)),
            ("period", .string(period)), ("owner", .string(owner)), ("followUp", .string(followUp)),
            ("output", .string(output)), ("outcome", .string(outcome)),
        ]
        return .object(members)
    }
}
