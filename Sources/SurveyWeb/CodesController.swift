import Hummingbird
import SurveyCore
import SurveyStore

/// IIT access codes in the console: batches made on request, printed again without making more, unused codes
/// withdrawn, and a true count of each.
struct CodesController: Sendable {
    let database: AppDatabase
    let pages: Pages
    let bodies: RequestBodies
    let qrCodes: QRCodes
    let publicURL: PublicURL
    let clock: WallClock
    /// At most this many codes in one batch: a large agency's staff, with spares.
    static let batchLimit = 2000

    func addRoutes(to round: RouterGroup<RoundContext>) {
        let coded = round.group().add(middleware: CodedRoundMiddleware())
        coded.get(Route.codes.pattern, use: list)
        coded.post(Route.codes.pattern, use: make)
        coded.get(Route.codeSlips.pattern, use: slips)
        coded.post(Route.codeWithdrawal.pattern, use: withdraw)
    }

    @Sendable func list(_ request: Request, context: RoundContext) async throws -> Response {
        try await page(context, typed: "", problem: nil, status: .ok)
    }

    @Sendable func make(_ request: Request, context: RoundContext) async throws -> Response {
        let form = CodeBatchForm(try await bodies.checked(request, context.signedIn))
        guard let count = Int(form.count), (1...Self.batchLimit).contains(count) else {
            let problem = ValidationProblem(
                field: "count",
                message: LocalizedText(
                    th: "จำนวนรหัสต้องเป็นจำนวนเต็ม 1 ถึง \(Self.batchLimit)",
                    en: "The number of codes must be a whole number from 1 to \(Self.batchLimit)."))
            return try await page(context, typed: form.count, problem: problem, status: .unprocessableContent)
        }
        let round = context.round
        let (batch, _) = try await database.makeCodeBatch(roundId: round.id, count: count, on: clock.today)
        try await database.audit(
            AuditEntry(
                context.admin.username, .accessCodesMade, agency: context.agency.slug,
                detail: "\(round.fiscalYear): batch \(batch.number), \(count) codes", at: clock.now))
        return HTML.redirect(to: SiteURL.codes(context.agency.slug, round.fiscalYear).path)
    }

    @Sendable func slips(_ request: Request, context: RoundContext) async throws -> Response {
        let (agency, round) = (context.agency, context.round)
        let batch = try await requireBatch(context)
        guard let codes = try await database.batchCodes(roundId: round.id, batchId: batch.id) else {
            throw PageError(
                .notFound,
                MessagePage(
                    heading: LocalizedText(th: "พิมพ์ชุดนี้ซ้ำไม่ได้", en: "This batch cannot be printed again"),
                    text: LocalizedText(
                        th: "รหัสชุดนี้สร้างก่อนที่ระบบจะเก็บรหัสไว้พิมพ์ซ้ำ หากบัตรหาย ให้ยกเลิกรหัสที่ยังไม่ใช้แล้วสร้างชุดใหม่",
                        en:
                            "These codes were made before batches were kept. Withdraw the unused ones and make a new batch."
                    )))
        }
        if !context.isHead {
            try await database.markPrinted(roundId: round.id, batchId: batch.id)
            try await database.audit(
                AuditEntry(
                    context.admin.username, .accessCodesPrinted, agency: agency.slug,
                    detail: "\(round.fiscalYear): batch \(batch.number), \(codes.count) codes", at: clock.now))
        }
        // The code is never in the QR or an address, where it would stay in the phone's history.
        let address = publicURL.address(.form(agency.slug, .iit))
        let qr = try qrCodes.images(for: address).svg
        let view = SlipsView(
            pageTitle: "บัตรรหัส IIT — \(agency.nameTh)", agencyName: agency.nameTh, address: address,
            slips: codes.map { SlipsView.Slip(code: $0, qrSVG: qr) })
        return HTML.page(pages.render(.slips, view))
    }

    @Sendable func withdraw(_ request: Request, context: RoundContext) async throws -> Response {
        _ = try await bodies.checked(request, context.signedIn)
        let round = context.round
        let batch = try await requireBatch(context)
        let withdrawn = try await database.withdrawUnusedCodes(roundId: round.id, batchId: batch.id)
        try await database.audit(
            AuditEntry(
                context.admin.username, .accessCodesWithdrawn, agency: context.agency.slug,
                detail: "\(round.fiscalYear): batch \(batch.number), \(withdrawn) unused codes", at: clock.now))
        return HTML.redirect(to: SiteURL.codes(context.agency.slug, round.fiscalYear).path)
    }

    /// The batch of the path, if it is one of the round's.
    private func requireBatch(_ context: RoundContext) async throws -> CodeBatch {
        guard let id = context.parameters.number(Route.Parameter.batch),
            let batch = try await database.codeBatches(roundId: context.round.id).first(where: { $0.id == id })
        else { throw PageError.notFound }
        return batch
    }

    private func page(_ context: RoundContext, typed: String, problem: ValidationProblem?, status: HTTPResponse.Status)
        async throws -> Response
    {
        let batches = try await database.codeBatches(roundId: context.round.id)
        let view = CodesView(
            frame: context.signedIn.frame, agency: context.agency, round: context.round, batches: batches,
            typed: typed, problem: problem)
        return HTML.page(pages.render(.adminCodes, view), status: status)
    }
}

/// Lets the code pages through only for a round whose IIT uses access codes.
struct CodedRoundMiddleware: RouterMiddleware {
    typealias Context = RoundContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard context.round.iitCodes else {
            throw PageError(
                .notFound,
                MessagePage(
                    heading: LocalizedText(th: "รอบนี้ไม่ใช้รหัสผู้ตอบ", en: "This round uses no access codes"),
                    text: LocalizedText(
                        th: "เปิดใช้รหัสผู้ตอบ IIT ในหน้าตั้งค่ารอบการประเมินก่อน",
                        en: "Turn on IIT access codes in the round settings first.")))
        }
        return try await next(request, context)
    }
}

/// The access-code page of a round: the totals, each batch with its counts and actions, the "make" form.
struct CodesView: Sendable {
    let styles = Stylesheets()
    let frame: AdminFrame
    let pageTitle: String
    let year: Int
    let agencyName: String
    let dashboard: String
    let action: String
    let totals: Counts
    let batches: [Batch]
    let hasBatches: Bool
    let typed: String
    let problem: ProblemView?

    /// Made, printed, used, withdrawn and still open, as shown in the table.
    struct Counts: Sendable {
        let made: Int
        let printed: Int
        let used: Int
        let withdrawn: Int
        let open: Int
    }

    /// One batch's row.
    struct Batch: Sendable {
        let number: Int
        let madeOn: String
        let printed: String
        let counts: Counts
        let reprintable: Bool
        let canWithdraw: Bool
        let slips: String
        let withdrawal: String
    }

    init(
        frame: AdminFrame, agency: Agency, round: Round, batches: [CodeBatch], typed: String,
        problem: ValidationProblem?
    ) {
        self.frame = frame
        pageTitle = "รหัสผู้ตอบ IIT — \(agency.nameTh)"
        year = round.fiscalYear
        agencyName = agency.nameTh
        dashboard = SiteURL.dashboard(agency.slug, round.fiscalYear).path
        action = SiteURL.codes(agency.slug, round.fiscalYear).path
        let all = AccessCodeCounts(batches)
        totals = Counts(
            made: all.made, printed: all.printed, used: all.used, withdrawn: all.withdrawn,
            open: all.made - all.used - all.withdrawn)
        self.batches = batches.map { batch in
            Batch(
                number: batch.number, madeOn: batch.madeOn?.thai ?? "ก่อนมีการเก็บชุดรหัส",
                printed: batch.printed ? "พิมพ์แล้ว" : "ยังไม่พิมพ์",
                counts: Counts(
                    made: batch.size, printed: batch.printed ? batch.size : 0, used: batch.used,
                    withdrawn: batch.withdrawn, open: batch.open),
                reprintable: batch.reprintable, canWithdraw: batch.open > 0,
                slips: SiteURL.codeSlips(agency.slug, round.fiscalYear, batch.id).path,
                withdrawal: SiteURL.codeWithdrawal(agency.slug, round.fiscalYear, batch.id).path)
        }
        hasBatches = !batches.isEmpty
        self.typed = typed
        self.problem = problem.map(ProblemView.init)
    }
}
