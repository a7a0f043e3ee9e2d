/// The integrity measures plan (มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน) of one agency and fiscal year, with
/// what its follow-up report says of each measure. The plan of year Y+1 is drafted from the results of year Y.
public struct MeasuresPlan: Sendable, Hashable {
    /// The Buddhist-era fiscal year the measures are carried out in.
    public var fiscalYear: Int
    /// The results the plan was drafted from; nil for a plan typed from nothing.
    public var basis: Basis?
    /// The measures, in the order printed.
    public var rows: [MeasureRow]
    /// Who announces the plan: the head of the agency.
    public var signer: Signatory
    /// The day the plan is announced as printed after "ประกาศ ณ วันที่", such as "1 ตุลาคม พ.ศ. 2567"; empty leaves
    /// a line to write it on.
    public var announcedOn: String
    /// Who signs the follow-up report, from the officer who writes it up to the head of the agency.
    public var approvals: Approvals
    /// Whether an admin has saved the plan since it was drafted; drafting again then replaces it only when asked.
    public var edited: Bool

    public init(
        fiscalYear: Int, basis: Basis? = nil, rows: [MeasureRow] = [], signer: Signatory = Signatory(),
        announcedOn: String = "", approvals: Approvals = Approvals(), edited: Bool = false
    ) {
        self.fiscalYear = fiscalYear
        self.basis = basis
        self.rows = rows
        self.signer = signer
        self.announcedOn = announcedOn
        self.approvals = approvals
        self.edited = edited
    }

    /// The results a plan was drafted from: their year and where the scores came from.
    public struct Basis: Sendable, Hashable {
        public let year: Int
        public let source: AnalysisReport.Source

        public init(year: Int, source: AnalysisReport.Source) {
            self.year = year
            self.source = source
        }

        /// How a page names it: "ผลการประเมิน ITA อย่างเป็นทางการ ปีงบประมาณ พ.ศ. 2566".
        public var thai: String {
            switch source {
            case .official: "ผลการประเมิน ITA อย่างเป็นทางการ ปีงบประมาณ พ.ศ. \(year)"
            case .ownRound: "ผลแบบสอบถามของหน่วยงานเอง ปีงบประมาณ พ.ศ. \(year)"
            }
        }
    }

    /// The heading printed over the plan.
    public var title: String {
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. \(fiscalYear)"
    }

    /// The heading printed over the follow-up report.
    public var followUpTitle: String {
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. \(fiscalYear)"
    }

    /// The rows grouped by the issue area of their main indicator, in the order of `IssueArea.allCases`; rows keep
    /// their order within an area.
    public var rowsByArea: [(area: IssueArea, rows: [MeasureRow])] {
        IssueArea.allCases.compactMap { area in
            let rows = rows.filter { $0.area == area }
            return rows.isEmpty ? nil : (area, rows)
        }
    }
}

/// One measure or project of the plan: what is done, how, when, by whom and how it is followed up, the indicators
/// and items it answers, and what the follow-up report says it produced and achieved.
public struct MeasureRow: Sendable, Hashable {
    /// The indicators it answers, the main one first.
    public var indicators: [Int]
    /// The items it answers: `i7`, `e11`, `O12`.
    public var items: [String]
    /// มาตรการ/โครงการ.
    public var measure: String
    /// ขั้นตอนหรือวิธีการดำเนินการ.
    public var steps: String
    /// ระยะเวลาดำเนินการ.
    public var period: String
    /// ผู้รับผิดชอบ: a กอง or งาน.
    public var owner: String
    /// การติดตามผล.
    public var followUp: String
    /// ผลผลิต (output), typed during the year.
    public var output: String
    /// ผลลัพธ์ (outcome), typed during the year.
    public var outcome: String

    public init(
        indicators: [Int], items: [String] = [], measure: String, steps: String = "", period: String = "",
        owner: String = "", followUp: String = "", output: String = "", outcome: String = ""
    ) {
        self.indicators = indicators
        self.items = items
        self.measure = measure
        self.steps = steps
        self.period = period
        self.owner = owner
        self.followUp = followUp
        self.output = output
        self.outcome = outcome
    }

    /// The main indicator; every stored row has one.
    public var indicator: Int { indicators.first ?? 0 }

    /// Where the follow-up report puts it: the issue area of its main indicator.
    public var area: IssueArea { IndicatorGuide.of(indicator)?.area ?? .antiCorruption }

    /// The indicators and items it answers, as a page lists them: "ตัวชี้วัดที่ 2 (i7, i8)".
    public var links: String {
        let indicators = "ตัวชี้วัดที่ " + self.indicators.map(String.init).joined(separator: ", ")
        return items.isEmpty ? indicators : indicators + " (" + items.joined(separator: ", ") + ")"
    }
}

/// A person who signs: a name and a position, either of which may be left for the hand.
public struct Signatory: Sendable, Hashable {
    public var name: String
    public var position: String

    public init(name: String = "", position: String = "") {
        self.name = name
        self.position = position
    }
}

/// The chain a follow-up report goes up: the officer who writes it, the head of office, the ปลัด, the นายก.
public struct Approvals: Sendable, Hashable {
    public var officer: Signatory
    public var headOfOffice: Signatory
    public var chiefAdministrator: Signatory
    public var chiefExecutive: Signatory

    public init(
        officer: Signatory = Signatory(), headOfOffice: Signatory = Signatory(),
        chiefAdministrator: Signatory = Signatory(), chiefExecutive: Signatory = Signatory()
    ) {
        self.officer = officer
        self.headOfOffice = headOfOffice
        self.chiefAdministrator = chiefAdministrator
        self.chiefExecutive = chiefExecutive
    }

    /// The steps of the chain, bottom up.
    public enum Step: String, Sendable, CaseIterable {
        case officer, headOfOffice, chiefAdministrator, chiefExecutive

        /// The role a step names when no position is typed.
        public var role: String {
            switch self {
            case .officer: "ผู้รายงาน"
            case .headOfOffice: "หัวหน้าสำนักปลัด"
            case .chiefAdministrator: "ปลัด"
            case .chiefExecutive: "นายก"
            }
        }
    }

    public subscript(step: Step) -> Signatory {
        get {
            switch step {
            case .officer: officer
            case .headOfOffice: headOfOffice
            case .chiefAdministrator: chiefAdministrator
            case .chiefExecutive: chiefExecutive
            }
        }
        set {
            switch step {
            case .officer: officer = newValue
            case .headOfOffice: headOfOffice = newValue
            case .chiefAdministrator: chiefAdministrator = newValue
            case .chiefExecutive: chiefExecutive = newValue
            }
        }
    }
}
