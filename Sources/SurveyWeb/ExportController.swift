import Hummingbird
import NIOCore
import SurveyCore
import SurveyStore

/// Streams a round's responses as the interchange CSV or as JSON, blanking small IIT profile cells.
struct ExportController: Sendable {
    let site: Site

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get(":agency/:year/export.csv", use: csv)
        router.get(":agency/:year/export.json", use: json)
    }

    /// What an export needs: the round, its form's instrument, and the profile codes to blank.
    private struct Export {
        let agency: Agency
        let round: Round
        let instrument: Instrument
        let blanked: [ProfileDimension: Set<String>]
        let rule: SmallCellRule

        var fileName: String { "prongsai-\(agency.slug)-\(round.fiscalYear)-\(instrument.form.rawValue)" }
    }

    private func export(_ request: Request, context: AppRequestContext, kind: String) async throws -> Export {
        let (admin, agency, round) = try await site.managedRound(context)
        guard let form = request.uri.queryParameters["form"].flatMap({ FormKind(rawValue: String($0)) }),
            let instrument = site.catalog.instrument(form, version: round.instrumentVersion(form))
        else {
            throw PageResponse(
                response: site.messageResponse(
                    MessagePage(
                        heading: LocalizedText(th: "เลือกแบบวัดที่จะส่งออก", en: "Choose a form to export"),
                        text: LocalizedText(th: "ระบุ form=iit หรือ form=eit", en: "Add form=iit or form=eit.")),
                    status: .badRequest))
        }
        let rule = SmallCellRule(minimum: round.smallCellMinimum)
        // Raw IIT rows can identify staff through rare profiles; EIT respondents are the public at large.
        let blanked = form == .iit ? rule.blanked(in: try await site.database.tallies(roundId: round.id!).iit) : [:]
        try await site.database.audit(
            admin.username, "export \(kind)", agency: agency.slug, detail: "\(round.fiscalYear) \(form.rawValue)")
        return Export(agency: agency, round: round, instrument: instrument, blanked: blanked, rule: rule)
    }

    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let export = try await export(request, context: context, kind: "csv")
        let database = site.database
        let columns = InterchangeCSV.columns(for: [export.instrument])
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: InterchangeCSV.byteOrderMark + InterchangeCSV.line(columns)))
            try await database.forEachPage(roundId: export.round.id!, form: export.instrument.form) { page in
                var text = ""
                for response in page {
                    text += InterchangeCSV.line(
                        InterchangeCSV.values(of: export.rule.apply(export.blanked, to: response), columns: columns))
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

    @Sendable func json(_ request: Request, context: AppRequestContext) async throws -> Response {
        let export = try await export(request, context: context, kind: "json")
        let database = site.database
        let fields = export.instrument.fields.map(\.id)
        let dimensions = export.instrument.form.profileDimensions
        let head = JSONValue.object([
            ("agency", .string(export.agency.slug)),
            ("year", .int(export.round.fiscalYear)),
            ("form", .string(export.instrument.form.rawValue)),
            ("instrument", .string(export.instrument.version)),
            ("smallCellMinimum", .int(export.rule.minimum)),
            (
                "blanked",
                .object(
                    dimensions.compactMap { dimension in
                        export.blanked[dimension].map { codes in
                            (dimension.rawValue, .array(dimension.codes.filter(codes.contains).map { .string($0) }))
                        }
                    })
            ),
        ]).serialized()
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: String(head.dropLast()) + ",\"responses\":["))
            var first = true
            try await database.forEachPage(roundId: export.round.id!, form: export.instrument.form) { page in
                var text = ""
                for response in page {
                    let shown = export.rule.apply(export.blanked, to: response)
                    let row = JSONValue.object(
                        [("day", .string(shown.day.description))]
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
