import SurveyCore
import SurveyStore

/// The analysis report of one agency and fiscal year as the agencies publish it, from official results or the
/// agency's own round: the printed page and the DOCX file are both made from this, so they hold the same tables.
/// Every text is already in the chosen digits.
struct AnalysisReportView: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let title: String
    let subtitle: String
    /// Which scores the report shows, said in one sentence.
    let source: String
    let isOfficial: Bool
    /// The year's report from the other source, when there is one.
    let otherReport: Link?
    let printed: String
    let thaiDigits: Bool
    let links: Links
    /// A round's collection window and digest line; nil for official results.
    let window: String?
    let digest: String?
    let warnings: [String]
    let hasWarnings: Bool
    let headings: Headings
    let criteria: [Criterion]
    let scheme: String
    let tools: [ToolRow]
    let total: String
    let level: String
    let levelNote: String?
    /// Says that the total shown is the published one when the printed indicators give one 0.01 apart.
    let totalNote: String?
    /// Per form whose scores wait for k respondents, a sentence saying so.
    let withheld: [String]
    let ranked: [RankedRow]
    let hasPrevious: Bool
    let previousYear: String
    let strengths: [IndicatorParagraph]
    let weaknesses: [IndicatorParagraph]
    let weakRows: [WeakRow]
    let hasWeakRows: Bool
    let notes: [String]
    let hasNotes: Bool
    /// What the notes section says when there are none.
    let noNotes: String
    let forms: [FormLine]
    /// The respondent-profile tables of a round, per form, under the name the shared partial reads.
    let tables: [FormTablesView]
    let releaseNotes: [String]
    let hasRespondents: Bool
    let measures: String

    /// A link with its text.
    struct Link: Sendable {
        let href: String
        let text: String
    }

    /// The page's own links, none of which prints.
    struct Links: Sendable {
        let back: String
        let docx: String
        let digits: Link
        let improvements: String
    }

    /// The numbered section headings, numbered by which sections the report has.
    struct Headings: Sendable {
        let criteria: String
        let totals: String
        let ranking: String
        let strengths: String
        let weaknesses: String
        let weakQuestions: String
        let notes: String
        let respondents: String?
        let measures: String
    }

    /// One level of the scheme and its rule.
    struct Criterion: Sendable {
        let level: String
        let rule: String
    }

    /// One tool's line of the totals table.
    struct ToolRow: Sendable {
        let code: String
        let name: String
        let weight: String
        let score: String
        /// Set when the tool's form is below its minimum sample.
        let shortNote: String?
    }

    /// One line of the ranked table.
    struct RankedRow: Sendable {
        let number: Int
        let rank: String
        let name: String
        let tool: String
        let score: String
        let result: String
        let strength: Bool
        let previous: String
        let change: String
        let up: Bool
        let down: Bool
    }

    /// A strength or weakness: the indicator with its score, and what it measures.
    struct IndicatorParagraph: Sendable {
        let number: Int
        let heading: String
        let text: String
    }

    /// One line of the weak-questions table; the first of its indicator carries the indicator's cell.
    struct WeakRow: Sendable {
        let id: String
        let indicator: IndicatorCell?
        let question: String
        let note: String?
        let score: String
        let howToImprove: String
    }

    /// The indicator cell spanning its weak questions.
    struct IndicatorCell: Sendable {
        let label: String
        let span: Int
    }

    /// Respondents of one form against its minimum.
    struct FormLine: Sendable {
        let title: String
        let responses: String
        let minimum: String
        let rule: String
    }

    /// Where the report's facts come from, and the round's parts when it is the agency's own.
    enum Basis {
        case official(OfficialReport)
        case ownRound(OwnRoundReport, round: Round, digest: String)
    }

    init(
        agency: Agency, year: Int, basis: Basis, edited: [String: String], otherReport: String?, thaiDigits: Bool,
        today: Day
    ) {
        let digits = Digits(thai: thaiDigits)
        let report: AnalysisReport
        let previousYear: Int?
        let reportPath: SiteURL
        switch basis {
        case .official(let official):
            (report, previousYear) = (official.report, official.previousYear)
            reportPath = .officialReport(agency.slug, year)
            source = digits(
                "ที่มาของคะแนน: ผลการประเมิน ITA อย่างเป็นทางการของสำนักงาน ป.ป.ช. ปีงบประมาณ \(year)"
                    + " ตามที่บันทึกจากระบบ ITAS (10 ตัวชี้วัด)")
            self.otherReport = otherReport.map {
                Link(href: $0, text: "รายงานจากแบบสอบถามของหน่วยงานเองของปีนี้")
            }
            links = Links(
                back: SiteURL.officialResults(agency.slug, year).path,
                docx: Self.withDigits(SiteURL.officialReportDOCX(agency.slug, year), thaiDigits),
                digits: Self.digitsLink(reportPath, thaiDigits),
                improvements: SiteURL.improvements(agency.slug, year).path)
        case .ownRound(let own, _, _):
            (report, previousYear) = (own.report, own.previousYear)
            reportPath = .report(agency.slug, year)
            source = digits(
                "ที่มาของคะแนน: แบบสอบถาม IIT และ EIT ของหน่วยงานเอง (8 ตัวชี้วัด) และคะแนน OIT ที่ผู้ดูแลใส่"
                    + " — ไม่ใช่ผลการประเมินอย่างเป็นทางการของสำนักงาน ป.ป.ช.")
            self.otherReport = otherReport.map {
                Link(href: $0, text: "รายงานจากผลการประเมินอย่างเป็นทางการของปีนี้")
            }
            links = Links(
                back: SiteURL.dashboard(agency.slug, year).path,
                docx: Self.withDigits(SiteURL.reportDOCX(agency.slug, year), thaiDigits),
                digits: Self.digitsLink(reportPath, thaiDigits),
                improvements: SiteURL.improvements(agency.slug, year).path)
        }
        isOfficial = report.source == .official
        self.thaiDigits = thaiDigits
        title = "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)"
        subtitle = digits("\(agency.nameTh) · ประจำปีงบประมาณ พ.ศ. \(year)")
        pageTitle = "รายงานการวิเคราะห์ผล ITA \(year)" + (isOfficial ? " (ผลอย่างเป็นทางการ)" : "") + " — \(agency.nameTh)"
        printed = digits("จัดทำเมื่อ \(today.thai)")

        let short = Set(report.formsUnderMinimum.map { $0 == .iit ? ITATool.iit : .eit })
        warnings = report.sampleWarnings.map { digits($0.th) }
        hasWarnings = !warnings.isEmpty
        criteria = report.scheme.criteriaTable.map { Criterion(level: $0.level.th, rule: digits($0.rule.th)) }
        scheme = "ระดับผลตาม" + report.scheme.name.th
        tools = ITATool.allCases.flatMap { tool in
            let row = ToolRow(
                code: tool.rawValue, name: digits(Self.toolName(tool, official: report.source == .official)),
                weight: digits("ร้อยละ \(tool == .oit ? 40 : 30)"), score: digits(report.tools[tool]?.formatted ?? "—"),
                shortNote: short.contains(tool) ? "ผู้ตอบต่ำกว่าขั้นต่ำ: ยังไม่ใช่ผลที่ใช้แทนผู้ตอบทั้งหมด" : nil)
            guard tool == .eit else { return [row] }
            // Parts are judged against 85 and 95 on their own but carry no weight of their own in the total.
            return [row]
                + report.eitParts.map { part in
                    ToolRow(
                        code: "eit-part-\(part.part)", name: digits(part.name.th), weight: "ตัดสินระดับแยกส่วน",
                        score: digits(part.score?.formatted ?? "—"), shortNote: nil)
                }
        }
        total = digits(report.total?.formatted ?? "—")
        totalNote = report.computedTotalApart.map { computed in
            digits(
                "คะแนนรวมนี้เป็นคะแนนที่สำนักงาน ป.ป.ช. ประกาศ ซึ่งคำนวณจากคะแนนก่อนปัดเศษ"
                    + " หากคำนวณจากคะแนนตัวชี้วัดที่ประกาศ (ทศนิยมสองตำแหน่ง) จะได้ \(computed.formatted)")
        }
        level = report.level?.name.th ?? "—"
        levelNote =
            report.level == nil
            ? "ระดับผลจะแสดงเมื่อมีคะแนน IIT, EIT และ OIT ครบ"
            : short.isEmpty ? nil : "คะแนนรวมและระดับนี้รวมผลของแบบวัดที่มีผู้ตอบต่ำกว่าขั้นต่ำ"

        hasPrevious = previousYear != nil
        self.previousYear = digits(previousYear.map(String.init) ?? "")
        let expected = report.source == .official ? ITAIndicator.all : ITAIndicator.all.filter { $0.tool != .oit }
        let unranked = expected.filter { indicator in !report.ranking.contains { $0.indicator == indicator } }
        ranked =
            report.ranking.map { ranked in
                Self.row(ranked, previous: report.previous[ranked.indicator.number], short: short, digits: digits)
            }
            + unranked.map { indicator in
                RankedRow(
                    number: indicator.number, rank: "—", name: digits("\(indicator.number) \(indicator.name.th)"),
                    tool: indicator.tool.code, score: "—", result: "ยังไม่แสดงคะแนน", strength: false,
                    previous: digits(report.previous[indicator.number]?.formatted ?? "—"), change: "—", up: false,
                    down: false)
            }
        switch basis {
        case .ownRound(let own, _, _):
            withheld = [own.release.iit, own.release.eit].filter { !$0.showsScores }.map {
                digits(
                    "คะแนน \($0.form.rawValue.uppercased()) จะแสดงเมื่อมีผู้ตอบอย่างน้อย \($0.rule.minimum) คน "
                        + "เพื่อไม่ให้คะแนนเปิดเผยคำตอบของผู้ตอบรายบุคคล")
            }
        case .official:
            withheld = []
        }
        func paragraph(_ ranked: RankedIndicator) -> IndicatorParagraph {
            IndicatorParagraph(
                number: ranked.indicator.number,
                heading: digits(
                    "ตัวชี้วัดที่ \(ranked.indicator.number) \(ranked.indicator.name.th) (\(ranked.indicator.tool.code))"
                        + " — \(ranked.score.formatted) คะแนน"),
                text: IndicatorGuide.of(ranked.indicator.number)?.measures ?? "")
        }
        strengths = report.strengths.map(paragraph)
        weaknesses = report.weaknesses.map(paragraph)

        var rows: [WeakRow] = []
        let questions = report.weakQuestions.sorted { $0.indicator < $1.indicator }
        for number in ITAIndicator.numbers {
            let group = questions.filter { $0.indicator == number }
            guard let indicator = ITAIndicator.numbered(number), !group.isEmpty else { continue }
            let score = report.ranking.first { $0.indicator == indicator }.map { " (\($0.score.formatted))" } ?? ""
            for (position, question) in group.enumerated() {
                rows.append(
                    WeakRow(
                        id: question.id,
                        indicator: position == 0
                            ? IndicatorCell(
                                label: digits("ตัวชี้วัดที่ \(number) \(indicator.name.th)\(score)"), span: group.count)
                            : nil,
                        question: digits(
                            question.id + " "
                                + (question.text ?? "ข้อ \(question.id) ของแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)")),
                        note: question.note.map { digits("ข้อสังเกตของผู้ประเมิน: \($0)") },
                        score: digits(question.score.formatted),
                        howToImprove: digits(AnalysisReport.howToImprove(question, edited: edited))))
            }
        }
        weakRows = rows
        hasWeakRows = !rows.isEmpty

        notes =
            ITAIndicator.numbers.compactMap { number in
                report.indicatorNotes[number].map { digits("ตัวชี้วัดที่ \(number): \($0)") }
            } + report.notes.map { digits($0) }
        hasNotes = !notes.isEmpty
        noNotes =
            isOfficial
            ? "ไม่มีข้อสังเกตของผู้ประเมินที่บันทึกไว้"
            : "รายงานนี้มาจากแบบสอบถามของหน่วยงานเอง จึงไม่มีข้อสังเกตของผู้ประเมิน"

        switch basis {
        case .ownRound(let own, let round, let digest):
            let release = own.release
            window = digits("ช่วงเก็บข้อมูล \(round.opens.thai) – \(round.closes?.thai ?? "ปัจจุบัน")")
            // The digest is checked character by character against `prongsai verify`: it keeps its own digits.
            self.digest = digest
            forms = [release.result.iit, release.result.eit].map {
                FormLine(
                    title: $0.form.title.th, responses: digits(ReleaseNote.count(release.form($0.form))),
                    minimum: digits($0.minimum.map(String.init) ?? "—"), rule: $0.rule.name.th)
            }
            tables = [release.iit, release.eit].map { FormTablesView($0).converted(digits) }
            releaseNotes = [FormKind.iit, .eit].map {
                digits("\($0.rawValue.uppercased()): " + ReleaseNote.text(release.form($0).rule))
            }
        case .official:
            (window, digest, forms, tables, releaseNotes) = (nil, nil, [], [], [])
        }
        hasRespondents = !forms.isEmpty
        var number = 7
        func next(_ text: String) -> String {
            number += 1
            return digits("\(number). \(text)")
        }
        headings = Headings(
            criteria: digits("1. เกณฑ์การประเมิน"), totals: digits("2. ผลคะแนนรวมและระดับผลการประเมิน"),
            ranking: digits("3. ผลคะแนนรายตัวชี้วัด เรียงจากมากไปน้อย"),
            strengths: digits("4. จุดแข็ง (ตัวชี้วัดที่ได้ 85 คะแนนขึ้นไป)"),
            weaknesses: digits("5. จุดที่ควรพัฒนา (ตัวชี้วัดที่ได้ต่ำกว่า 85 คะแนน)"),
            weakQuestions: digits("6. ข้อคำถามที่ได้คะแนนต่ำกว่า 85 และวิธีการพัฒนา"),
            notes: digits("7. ข้อสังเกตของผู้ประเมิน"),
            respondents: hasRespondents ? next("ผู้ตอบแบบวัดและข้อมูลทั่วไปของผู้ตอบ") : nil,
            measures: next("แนวทางและมาตรการสำหรับปีถัดไป"))
        measures = digits(
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานประจำปีงบประมาณ \(year + 1) จัดทำเป็นแผนมาตรการแยกต่างหาก"
                + " โดยยกร่างจากจุดที่ควรพัฒนาและข้อคำถามที่ได้คะแนนต่ำกว่า 85 ในรายงานฉบับนี้")
    }

    /// The ranked table's line of an indicator.
    private static func row(_ ranked: RankedIndicator, previous: Rational?, short: Set<ITATool>, digits: Digits)
        -> RankedRow
    {
        var change = "—"
        var (up, down) = (false, false)
        if let before = previous?.rounded {
            let difference = ranked.score.rounded - before
            up = difference > .zero
            down = difference < .zero
            change = (up ? "▲ +" : down ? "▼ " : "= ") + difference.formatted
        }
        let result =
            (ranked.isStrength ? "จุดแข็ง" : "จุดที่ควรพัฒนา")
            + (short.contains(ranked.indicator.tool) ? " · ผู้ตอบต่ำกว่าขั้นต่ำ" : "")
        return RankedRow(
            number: ranked.indicator.number, rank: digits(String(ranked.rank)),
            name: digits("\(ranked.indicator.number) \(ranked.indicator.name.th)"), tool: ranked.indicator.tool.code,
            score: digits(ranked.score.formatted), result: result, strength: ranked.isStrength,
            previous: digits(previous?.formatted ?? "—"), change: digits(change), up: up, down: down)
    }

    /// How the totals table names a tool.
    private static func toolName(_ tool: ITATool, official: Bool) -> String {
        switch tool {
        case .iit: "IIT การรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (ตัวชี้วัดที่ 1–5)"
        case .eit: "EIT การรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (ตัวชี้วัดที่ 6–8)"
        case .oit:
            "OIT การเปิดเผยข้อมูลสาธารณะ (ตัวชี้วัดที่ 9–10)" + (official ? "" : " ตามคะแนนที่ผู้ดูแลใส่")
        }
    }

    /// An address with `?digits=thai` when Thai digits are on.
    private static func withDigits(_ url: SiteURL, _ thai: Bool) -> String {
        thai ? url.path(query: "digits", "thai") : url.path
    }

    /// The link that switches the report to the other digits.
    private static func digitsLink(_ url: SiteURL, _ thai: Bool) -> Link {
        thai
            ? Link(href: url.path, text: "แสดงตัวเลขอารบิก")
            : Link(href: url.path(query: "digits", "thai"), text: "แสดงเป็นเลขไทย")
    }
}

/// Writes 0–9 as ๐–๙ when Thai digits are chosen, and leaves text alone otherwise.
struct Digits: Sendable {
    let thai: Bool

    func callAsFunction(_ text: String) -> String {
        guard thai else { return text }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    guard ("0"..."9").contains(scalar) else { return scalar }
                    return Unicode.Scalar(scalar.value - 0x30 + 0x0E50)!
                }))
    }
}
