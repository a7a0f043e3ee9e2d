import Docx
import SurveyCore
import SurveyStore

/// The printed measures plan: its heading, the table and the signature. The A4 page and the DOCX are both drawn
/// from this one value, so they hold the same rows.
struct PlanSheet: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let title: String
    let agencyName: String
    let intro: String
    let header: [String]
    let rows: [SheetRow]
    let hasRows: Bool
    let signature: SignatureLines
    let back: String

    static let header = [
        "ที่", "มาตรการ/โครงการ", "ขั้นตอนหรือวิธีการดำเนินการ", "ระยะเวลาดำเนินการ", "ผู้รับผิดชอบ", "การติดตามผล",
        "ตัวชี้วัด/ข้อที่เกี่ยวข้อง",
    ]
    /// The columns' shares of a landscape page.
    static let columnWeights: [Double] = [0.6, 3, 5, 2, 2, 3, 1.8]

    init(plan: MeasuresPlan, agency: Agency) {
        pageTitle = "\(plan.title) — \(agency.nameTh)"
        title = plan.title
        agencyName = agency.nameTh
        intro =
            plan.basis.map {
                "\(agency.nameTh) ได้วิเคราะห์\($0.thai) และกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
                    + " เพื่อพัฒนาประเด็นที่ได้คะแนนต่ำกว่าร้อยละ 85 ดังนี้"
            } ?? "\(agency.nameTh) กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ดังนี้"
        header = Self.header
        rows = plan.rows.enumerated().map { index, row in
            SheetRow(cells: [
                String(index + 1), row.measure, row.steps, row.period, row.owner, row.followUp, row.links,
            ])
        }
        hasRows = !rows.isEmpty
        signature = SignatureLines(
            name: plan.signer.name, positions: [plan.signer.position],
            date: "ประกาศ ณ วันที่ " + (plan.announcedOn.isEmpty ? SignatureLines.blankDate : plan.announcedOn))
        back = SiteURL.measures(agency.slug, plan.fiscalYear).path
    }

    /// The plan as a DOCX: one landscape A4 section with the heading, the table and the signature; its digits
    /// Thai when asked.
    func document(thaiDigits: Bool = false) -> Document {
        var blocks = SheetHeading.blocks(title: title, agencyName: agencyName, intro: intro)
        if hasRows {
            blocks.append(.table(Table(header: header, rows: rows.map(\.cells), columnWeights: Self.columnWeights)))
        }
        blocks.append(.signature(signature.block(placement: .right)))
        return Document(
            title: title, bodySize: SheetHeading.bodySize, thaiDigits: thaiDigits,
            sections: [Section(orientation: .landscape, blocks: blocks)])
    }
}

/// The printed follow-up report: the measures grouped by issue area with what each produced and achieved, then the
/// approval chain. Its A4 page and its DOCX are both drawn from this value.
struct FollowUpSheet: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let title: String
    let agencyName: String
    let intro: String
    let header: [String]
    let groups: [Group]
    let hasGroups: Bool
    let approvals: [ApprovalStep]
    let back: String

    /// The measures of one issue area.
    struct Group: Sendable {
        let area: String
        let rows: [SheetRow]
    }

    /// One step of the approval chain: what it decides, if anything, and where it signs.
    struct ApprovalStep: Sendable {
        let decision: String?
        let signature: SignatureLines
    }

    static let header = [
        "ที่", "มาตรการ/โครงการ", "ขั้นตอนหรือวิธีการดำเนินการ", "ระยะเวลาดำเนินการ", "ผู้รับผิดชอบ", "ผลผลิต (Output)",
        "ผลลัพธ์ (Outcome)",
    ]
    static let columnWeights: [Double] = [0.6, 2.6, 4, 1.8, 1.8, 3, 3]

    init(plan: MeasuresPlan, agency: Agency) {
        pageTitle = "\(plan.followUpTitle) — \(agency.nameTh)"
        title = plan.followUpTitle
        agencyName = agency.nameTh
        intro =
            "\(agency.nameTh) รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
            + " ประจำปีงบประมาณ พ.ศ. \(plan.fiscalYear) จำแนกตามประเด็น ดังนี้"
        header = Self.header
        // Each row keeps its number in the plan, so the two documents can be read side by side.
        let numbered = Array(plan.rows.enumerated())
        groups = IssueArea.allCases.compactMap { area in
            let rows = numbered.filter { $0.element.area == area }.map { index, row in
                SheetRow(cells: [
                    String(index + 1), row.measure, row.steps, row.period, row.owner, row.output, row.outcome,
                ])
            }
            return rows.isEmpty ? nil : Group(area: area.name, rows: rows)
        }
        hasGroups = !groups.isEmpty
        approvals = Approvals.Step.allCases.map { step in
            let person = plan.approvals[step]
            // The officer's sign line already says ผู้รายงาน; the others are named by their office when none is typed.
            let position = !person.position.isEmpty || step == .officer ? person.position : step.role
            return ApprovalStep(
                decision: Self.decision(step),
                signature: SignatureLines(
                    role: step == .officer ? "ผู้รายงาน" : nil, name: person.name, positions: [position],
                    date: "วันที่ " + SignatureLines.blankDate))
        }
        back = SiteURL.followUp(agency.slug, plan.fiscalYear).path
    }

    /// What a step above the officer marks: the head of office and the ปลัด recommend, the นายก decides.
    static func decision(_ step: Approvals.Step) -> String? {
        switch step {
        case .officer: nil
        case .headOfOffice, .chiefAdministrator: "ความเห็น ☐ เห็นควรอนุมัติ ☐ ไม่เห็นควรอนุมัติ"
        case .chiefExecutive: "☐ อนุมัติ ☐ ไม่อนุมัติ"
        }
    }

    /// The report as a DOCX: a landscape A4 section with the heading, one table per issue area, and the approvals;
    /// its digits Thai when asked.
    func document(thaiDigits: Bool = false) -> Document {
        var blocks = SheetHeading.blocks(title: title, agencyName: agencyName, intro: intro)
        for group in groups {
            blocks.append(.heading(group.area, level: 2))
            blocks.append(
                .table(Table(header: header, rows: group.rows.map(\.cells), columnWeights: Self.columnWeights)))
        }
        for step in approvals {
            if let decision = step.decision {
                // An empty line apart from the date line above, as on a memo.
                blocks.append(.paragraph(Paragraph("", keepWithNext: true)))
                blocks.append(.paragraph(Paragraph(decision, alignment: .center, keepWithNext: true)))
            }
            blocks.append(.signature(step.signature.block(placement: .center)))
        }
        return Document(
            title: title, bodySize: SheetHeading.bodySize, thaiDigits: thaiDigits,
            sections: [Section(orientation: .landscape, blocks: blocks)])
    }
}

/// How both printed documents begin: the title centred, the agency, and the paragraph that leads to the table.
enum SheetHeading {
    /// Points of body text: Thai documents use 16, but their wide tables are set smaller so a row keeps to a few lines.
    static let bodySize = 14.0

    static func blocks(title: String, agencyName: String, intro: String) -> [Block] {
        [
            .paragraph(Paragraph(runs: [Run(title, bold: true, size: 18)], alignment: .center)),
            .paragraph(Paragraph(agencyName, bold: true, alignment: .center, spaceAfter: 6)),
            .paragraph(Paragraph(intro, alignment: .justified, firstLineIndent: 709, spaceAfter: 6)),
        ]
    }
}

/// One row of a printed table.
struct SheetRow: Sendable {
    let cells: [String]
}

/// The lines of a signature as the page prints them, the same as the DOCX's `SignatureBlock` writes them.
struct SignatureLines: Sendable {
    let role: String?
    let name: String?
    let positions: [String]
    let date: String
    let lines: [String]

    /// Blanks for a day, month and year to be written by hand.
    static let blankDate = "........ เดือน .................... พ.ศ. ........"
    private static let dots = String(repeating: ".", count: 30)

    init(role: String? = nil, name: String, positions: [String], date: String) {
        self.role = role
        self.name = name.isEmpty ? nil : name
        self.positions = positions.filter { !$0.isEmpty }
        self.date = date
        lines =
            ["(ลงชื่อ)" + Self.dots + (role.map { " " + $0 } ?? ""), "(" + (self.name ?? Self.dots) + ")"]
            + self.positions + [date]
    }

    func block(placement: SignatureBlock.Placement) -> SignatureBlock {
        SignatureBlock(role: role, name: name, positions: positions, date: date, placement: placement)
    }
}
