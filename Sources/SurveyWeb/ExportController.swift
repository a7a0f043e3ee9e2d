import Hummingbird
import NIOCore
import SurveyCore
import SurveyStore

/// Streams a round's released responses as the interchange CSV or as JSON, generalised so that every combination of
/// released values (the day's period and the profile codes) is shared by at least k rows.
struct ExportController: Sendable {
    let database: AppDatabase
    let catalog: InstrumentCatalog
    let clock: WallClock

    /// The sentence the JSON export carries: what the day means and that some values are not shown, naming none.
    static let note =
        "day is the first day of the released period (dayTo in JSON is its last day); answers of days not yet "
        + "released are left out; profile values shared by fewer than k respondents are left blank / "
        + "day คือวันแรกของช่วงเวลาที่เผยแพร่ คำตอบของวันที่ยังไม่เผยแพร่ไม่รวมอยู่ในไฟล์ "
        + "และค่าข้อมูลส่วนบุคคลที่มีผู้ตอบร่วมกันน้อยกว่า k คนจะเว้นว่าง"

    func addRoutes(to round: RouterGroup<RoundContext>) {
        round.get(Route.exportCSV.pattern, use: csv)
        round.get(Route.exportJSON.pattern, use: json)
    }

    /// What an export needs: the round, its form's instrument, the closed periods and the recoding of the rows.
    private struct Export {
        let agency: Agency
        let round: Round
        let instrument: Instrument
        let rule: SmallCellRule
        let periods: DayPeriods
        let generalization: PeriodGeneralization
        /// The rows, from the snapshot the periods and recoding were worked out from.
        let source: ExportSnapshot

        var fileName: String { "prongsai-\(agency.slug)-\(round.fiscalYear)-\(instrument.form.rawValue)" }

        /// The response as released, or nil when it is not.
        func release(_ response: SurveyCore.Response) -> (response: SurveyCore.Response, period: DayPeriod)? {
            guard let period = periods.period(of: response.day),
                let shown = generalization.release(period: period, profile: response.profile)
            else { return nil }
            return (
                SurveyCore.Response(
                    form: response.form, day: shown.period.first, profile: shown.profile, answers: response.answers),
                shown.period
            )
        }
    }

    private func export(_ request: Request, context: RoundContext, action: AuditAction) async throws -> Export {
        let (agency, round) = (context.agency, context.round)
        guard let form = request.uri.queryParameters["form"].flatMap({ FormKind(rawValue: String($0)) }),
            let instrument = catalog.instrument(form, version: round.instrumentVersion(form))
        else {
            throw PageError(
                .badRequest,
                MessagePage(
                    heading: LocalizedText(th: "เลือกแบบวัดที่จะส่งออก", en: "Choose a form to export"),
                    text: LocalizedText(th: "ระบุ form=iit หรือ form=eit", en: "Add form=iit or form=eit.")))
        }
        let rule = round.settings.releaseRule(form)
        let source = try await database.exportSnapshot(roundId: round.id, form: form)
        let periods = round.settings.periods(of: source.days, form: form, today: clock.today)
        let counts = ProfileCounts(days: source.combinations, periods: periods)
        let generalization = PeriodGeneralization(
            counts: counts, dimensions: form.profileDimensions, minimum: rule.minimum)
        if !context.isHead {
            try await database.audit(
                AuditEntry(
                    context.admin.username, action, agency: agency.slug, detail: "\(round.fiscalYear) \(form.rawValue)",
                    at: clock.now))
        }
        return Export(
            agency: agency, round: round, instrument: instrument, rule: rule, periods: periods,
            generalization: generalization, source: source)
    }

    @Sendable func csv(_ request: Request, context: RoundContext) async throws -> Response {
        let export = try await export(request, context: context, action: .exportedCSV)
        let columns = InterchangeCSV.columns(for: [export.instrument])
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: InterchangeCSV.byteOrderMark + InterchangeCSV.line(columns)))
            try await export.source.forEachPage { page in
                var text = ""
                for response in page {
                    guard let shown = export.release(response) else { continue }
                    text += InterchangeCSV.line(InterchangeCSV.values(of: shown.response, columns: columns))
                }
                try await writer.write(ByteBuffer(string: text))
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(export.fileName).csv\"",
            ], body: body)
    }

    @Sendable func json(_ request: Request, context: RoundContext) async throws -> Response {
        let export = try await export(request, context: context, action: .exportedJSON)
        let fields = export.instrument.fields.map(\.id)
        let dimensions = export.instrument.form.profileDimensions
        let head = JSONValue.object([
            ("agency", .string(export.agency.slug)),
            ("year", .int(export.round.fiscalYear)),
            ("form", .string(export.instrument.form.rawValue)),
            ("instrument", .string(export.instrument.version)),
            ("smallCellMinimum", .int(export.rule.minimum)),
            ("note", .string(Self.note)),
        ]).serialized()
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: String(head.dropLast()) + ",\"responses\":["))
            var first = true
            try await export.source.forEachPage { page in
                var text = ""
                for response in page {
                    guard let (shown, period) = export.release(response) else { continue }
                    let row = JSONValue.object(
                        [("day", .string(period.first.description)), ("dayTo", .string(period.last.description))]
                            + dimensions.map { ($0.rawValue, shown.profile[$0].map { .string($0) } ?? .null) }
                            + [
                                (
                                    "answers",
                                    .object(fields.map { ($0, shown.answers[$0].map { .string($0) } ?? .null) })
                                )
                            ])
                    text += (first ? "" : ",") + row.serialized()
                    first = false
                }
                try await writer.write(ByteBuffer(string: text))
            }
            try await writer.write(ByteBuffer(string: "]}"))
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/json; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(export.fileName).json\"",
            ], body: body)
    }
}
