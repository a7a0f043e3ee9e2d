import SurveyCore

/// The measures plan's form as posted: every row's cells, the signer, and which button was pressed. The row
/// buttons (add, remove, move, use a suggestion) change what was typed and show it again; only saving stores.
struct MeasuresForm: Sendable {
    var typed: MeasuresPlan.Typed
    var command: Command

    /// The button pressed.
    enum Command: Sendable, Equatable {
        case save
        /// Adds a row, from the chosen suggestion or blank.
        case add
        case remove(Int)
        case up(Int)
        case down(Int)
        /// Fills the row from the suggestion chosen in its select.
        case apply(Int)

        /// Reads the button's value: `save`, `add`, `remove-3`, `up-3`, `down-3`, `apply-3`; saving for anything else.
        init(_ value: String) {
            let parts = value.split(separator: "-", maxSplits: 1).map(String.init)
            let number = parts.count == 2 ? Int(parts[1]) : nil
            switch (parts.first ?? "", number) {
            case ("add", nil): self = .add
            case ("remove", let number?): self = .remove(number)
            case ("up", let number?): self = .up(number)
            case ("down", let number?): self = .down(number)
            case ("apply", let number?): self = .apply(number)
            default: self = .save
            }
        }
    }

    /// The name of a row's suggestion select, and of the one that adds a row.
    static func suggestionField(row number: Int) -> String { "suggestion-\(number)" }
    static let newSuggestionField = "suggestion-new"

    /// The values of a suggestion in a select: `7:0` for indicator 7's first.
    static func suggestionValue(indicator: Int, index: Int) -> String { "\(indicator):\(index)" }

    /// The suggestion a select's value names, if any.
    static func suggestion(_ value: String) -> SuggestedMeasure? {
        let parts = value.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        let suggestions = MeasureLibrary.suggestions(for: parts[0])
        return suggestions.indices.contains(parts[1]) ? suggestions[parts[1]] : nil
    }

    /// The hidden input holding `resultsFingerprint` of the plan the page was made from.
    static let resultsField = "results"

    /// The fingerprint of the stored outputs and outcomes the posted rows carry.
    var results = ""

    init(typed: MeasuresPlan.Typed, command: Command = .save) {
        self.typed = typed
        self.command = command
    }

    /// What identifies the follow-up typed onto a plan (every row's output and outcome, in order), so that the plan
    /// page, which carries them hidden, never saves back older ones than the follow-up page stored meanwhile.
    static func resultsFingerprint(_ plan: MeasuresPlan?) -> String {
        guard let plan else { return "none" }
        return FollowUpForm.hash(plan.rows.map { "\($0.output)\u{1F}\($0.outcome)" }.joined(separator: "\u{1E}"))
    }

    /// Puts the stored output and outcome into every posted row that is still the same measure (same indicators
    /// and name), so that a follow-up saved while this form was open is kept; returns whether any row changed.
    mutating func takeResults(from stored: MeasuresPlan?) -> Bool {
        guard let stored else { return false }
        let storedRows = MeasuresPlan.Typed(stored).rows
        func identity(_ row: MeasuresPlan.TypedRow) -> String {
            [MeasuresPlan.Field.indicators, .measure].map { row[$0].trimmingCharacters(in: .whitespacesAndNewlines) }
                .joined(separator: "|")
        }
        var changed = false
        for index in typed.rows.indices {
            guard let match = storedRows.first(where: { identity($0) == identity(typed.rows[index]) }) else { continue }
            for field in [MeasuresPlan.Field.output, .outcome] where typed.rows[index][field] != match[field] {
                typed.rows[index][field] = match[field]
                changed = true
            }
        }
        results = Self.resultsFingerprint(stored)
        return changed
    }

    /// The posted rows (numbered from 1, as many as were sent, at most one past the limit so that it is named),
    /// the signer and date, the pressed button, and the approvals kept from `stored`; the row command applied.
    init(_ values: FormValues, stored: MeasuresPlan?) {
        var rows: [MeasuresPlan.TypedRow] = []
        for number in 1...(MeasuresPlan.rowLimit + 1)
        where values.raw[MeasuresPlan.Field.measure.name(row: number)] != nil {
            var row = MeasuresPlan.TypedRow()
            for field in MeasuresPlan.Field.allCases { row[field] = values.raw[field.name(row: number)] ?? "" }
            rows.append(row)
        }
        typed = MeasuresPlan.Typed(
            rows: rows,
            signer: Signatory(
                name: values[MeasuresPlan.Typed.signerName], position: values[MeasuresPlan.Typed.signerPosition]),
            announcedOn: values[MeasuresPlan.Typed.announcedOnField], approvals: stored?.approvals ?? Approvals())
        command = Command(values["do"])
        results = values[Self.resultsField]
        apply(values)
    }

    /// Carries out a row button on the typed rows.
    private mutating func apply(_ values: FormValues) {
        let count = typed.rows.count
        switch command {
        case .save: break
        case .add:
            guard count < MeasuresPlan.rowLimit else { return }
            let suggestion = Self.suggestion(values[Self.newSuggestionField])
            typed.rows.append(suggestion.map { MeasuresPlan.TypedRow(MeasureRow($0)) } ?? MeasuresPlan.TypedRow())
        case .remove(let number):
            guard typed.rows.indices.contains(number - 1) else { return }
            typed.rows.remove(at: number - 1)
        case .up(let number):
            guard number >= 2, number <= count else { return }
            typed.rows.swapAt(number - 1, number - 2)
        case .down(let number):
            guard number >= 1, number < count else { return }
            typed.rows.swapAt(number - 1, number)
        case .apply(let number):
            guard typed.rows.indices.contains(number - 1),
                let suggestion = Self.suggestion(values[Self.suggestionField(row: number)])
            else { return }
            var row = typed.rows[number - 1]
            let filled = MeasuresPlan.TypedRow(MeasureRow(suggestion))
            for field in [MeasuresPlan.Field.measure, .steps, .period, .owner, .followUp] {
                row[field] = filled[field]
            }
            if row[.indicators].trimmingCharacters(in: .whitespaces).isEmpty { row[.indicators] = filled[.indicators] }
            typed.rows[number - 1] = row
        }
    }
}

/// The follow-up form as posted: output and outcome per row of the stored plan, and the approval chain.
struct FollowUpForm: Sendable {
    var typed: MeasuresPlan.Typed
    /// The fingerprint of the rows the form was made for.
    var fingerprint: String

    static let fingerprintField = "plan"

    init(plan: MeasuresPlan) {
        typed = MeasuresPlan.Typed(plan)
        fingerprint = Self.fingerprint(plan)
    }

    /// The stored plan with the posted output, outcome and approvals in place.
    init(_ values: FormValues, stored: MeasuresPlan) {
        typed = MeasuresPlan.Typed(stored)
        for number in typed.rows.indices.map({ $0 + 1 }) {
            for field in [MeasuresPlan.Field.output, .outcome] {
                typed.rows[number - 1][field] = values.raw[field.name(row: number)] ?? ""
            }
        }
        for step in Approvals.Step.allCases {
            typed.approvals[step] = Signatory(
                name: values[MeasuresPlan.Typed.nameField(step)],
                position: values[MeasuresPlan.Typed.positionField(step)])
        }
        fingerprint = values[Self.fingerprintField]
    }

    /// What identifies the plan's rows (their indicators and measures, in order), so that a follow-up typed against
    /// one plan is never saved onto rows that were since moved or replaced.
    static func fingerprint(_ plan: MeasuresPlan) -> String {
        hash(plan.rows.map { "\($0.indicators)|\($0.measure)" }.joined(separator: "\n"))
    }

    /// A short FNV-1a digest of a text, in hexadecimal: enough to tell two versions of a plan apart.
    static func hash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
