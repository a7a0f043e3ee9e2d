/// The whole ITA result of one agency and year: both tools, OIT, total, level and the analysis.
public struct AssessmentResult: Sendable, Hashable {
    public let settings: AssessmentSettings
    public let iit: FormResult
    public let eit: FormResult
    /// 0.30 × IIT + 0.30 × EIT + 0.40 × OIT; nil unless all three are known.
    public let total: Rational?
    public let level: ResultLevel?
    public let analysis: Analysis

    /// Scores both tallies with their instruments under the settings.
    public init(settings: AssessmentSettings, iit: (Tally, Instrument), eit: (Tally, Instrument)) {
        self.settings = settings
        self.iit = FormResult(tally: iit.0, instrument: iit.1, settings: settings)
        self.eit = FormResult(tally: eit.0, instrument: eit.1, settings: settings)
        if let iitScore = self.iit.score.score, let eitScore = self.eit.score.score, let oit = settings.oit {
            total = Rational(3, 10) * iitScore + Rational(3, 10) * eitScore + Rational(4, 10) * oit
        } else {
            total = nil
        }
        // With parts declared, each EIT part is judged as a tool of its own, as the 2566 level table does.
        let eitTools = self.eit.score.parts.isEmpty ? [self.eit.score.score] : self.eit.score.parts.map(\.score)
        level = ResultLevel.level(
            scheme: settings.scheme, total: total, tools: [self.iit.score.score] + eitTools + [settings.oit])
        analysis = Analysis(tools: [self.iit.score, self.eit.score])
    }

    public var year: Int { settings.year }

    public func form(_ form: FormKind) -> FormResult {
        form == .iit ? iit : eit
    }
}

/// One form's part of a result: its tally, scores, population and minimum sample.
public struct FormResult: Sendable, Hashable {
    public let instrument: Instrument
    public let tally: Tally
    public let score: ToolScore
    public let population: Int?
    public let rule: SampleRule
    public let minimum: Int?

    init(tally: Tally, instrument: Instrument, settings: AssessmentSettings) {
        self.instrument = instrument
        self.tally = tally
        self.score = ToolScore(tally: tally, instrument: instrument)
        self.population = settings.population(instrument.form)
        self.rule = settings.rule(instrument.form)
        self.minimum = settings.minimum(instrument.form)
    }

    public var form: FormKind { instrument.form }
    public var responses: Int { tally.responses }

    /// The profile tables reports show: each crossed dimension by gender.
    public var profileTables: [ProfileTable] {
        form.crossedDimensions.map { tally.table($0) }
    }
}
