import Hummingbird
import SurveyCore
import SurveyStore

/// IIT access codes in the console: batches made on request, printed again without making more, unused codes
/// withdrawn, and a true count of each.
struct CodesController: Sendable {
    let site: Site
    /// At most this many codes in one batch: a large agency's staff, with spares.
    static let batchLimit = 2000

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get(":agency/:year/codes", use: list)
        router.post(":agency/:year/codes", use: make)
        router.get(":agency/:year/codes/:batch/slips", use: slips)
        router.post(":agency/:year/codes/:batch/withdraw", use: withdraw)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, agency, round) = try await codedRound(context)
        return try await page(admin, context, agency: agency, round: round, typed: "", problem: nil, status: .ok)
    }

    @Sendable func make(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, agency, round) = try await codedRound(context)
        let typed = (try await site.checkedAdminForm(request, context: context))["count"] ?? ""
        guard let count = Int(typed.trimmingCharacters(in: .whitespaces)), (1...Self.batchLimit).contains(count) else {
            let problem = ValidationProblem(
                field: "count",
                message: LocalizedText(
                    th: "จำนวนรหัสต้องเป็นจำนวนเต็ม 1 ถึง \(Self.batchLimit)",
                    en: "The number of codes must be a whole number from 1 to \(Self.batchLimit)."))
            return try await page(
                admin, context, agency: agency, round: round, typed: typed, problem: problem,
                status: .unprocessableContent)
        }
        let (batch, _) = try await site.database.makeCodeBatch(roundId: round.id!, count: count)
        try await site.database.audit(
            admin.username, "access codes made", agency: agency.slug,
            detail: "\(round.fiscalYear): batch \(batch.number), \(count) codes")
        return HTML.redirect(to: codesPath(agency, round))
    }

    @Sendable func slips(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, agency, round) = try await codedRound(context)
        let batch = try await requireBatch(context, round: round)
        guard let codes = try await site.database.batchCodes(roundId: round.id!, batchId: batch.id) else {
            return site.messageResponse(
                MessagePage(
                    heading: LocalizedText(th: "พิมพ์ชุดนี้ซ้ำไม่ได้", en: "This batch cannot be printed again"),
                    text: LocalizedText(
                        th: "รหัสชุดนี้สร้างก่อนที่ระบบจะเก็บรหัสไว้พิมพ์ซ้ำ หากบัตรหาย ให้ยกเลิกรหัสที่ยังไม่ใช้แล้วสร้างชุดใหม่",
                        en:
                            "These codes were made before batches were kept. Withdraw the unused ones and make a new batch."
                    )),
                status: .notFound)
        }
        try await site.database.markPrinted(roundId: round.id!, batchId: batch.id)
        try await site.database.audit(
            admin.username, "access codes printed", agency: agency.slug,
            detail: "\(round.fiscalYear): batch \(batch.number), \(codes.count) codes")
        return try site.slipsPage(agency: agency, codes: codes)
    }

    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, agency, round) = try await codedRound(context)
        _ = try await site.checkedAdminForm(request, context: context)
        let batch = try await requireBatch(context, round: round)
        let withdrawn = try await site.database.withdrawUnusedCodes(roundId: round.id!, batchId: batch.id)
        try await site.database.audit(
            admin.username, "access codes withdrawn", agency: agency.slug,
            detail: "\(round.fiscalYear): batch \(batch.number), \(withdrawn) unused codes")
        return HTML.redirect(to: codesPath(agency, round))
    }

    /// The managed round of the path, if it uses access codes.
    private func codedRound(_ context: AppRequestContext) async throws -> (Admin, Agency, Round) {
        let (admin, agency, round) = try await site.managedRound(context)
        guard round.iitCodes else {
            throw PageResponse(
                response: site.messageResponse(
                    MessagePage(
                        heading: LocalizedText(th: "รอบนี้ไม่ใช้รหัสผู้ตอบ", en: "This round uses no access codes"),
                        text: LocalizedText(
                            th: "เปิดใช้รหัสผู้ตอบ IIT ในหน้าตั้งค่ารอบการประเมินก่อน",
                            en: "Turn on IIT access codes in the round settings first.")),
                    status: .notFound))
        }
        return (admin, agency, round)
    }

    /// The batch of the `:batch` path, if it is one of the round's.
    private func requireBatch(_ context: AppRequestContext, round: Round) async throws -> CodeBatch {
        guard let id = context.parameters.get("batch", as: Int64.self),
            let batch = try await site.database.codeBatches(roundId: round.id!).first(where: { $0.id == id })
        else { throw PageResponse(response: site.messageResponse(.notFound, status: .notFound)) }
        return batch
    }

    private func codesPath(_ agency: Agency, _ round: Round) -> String {
        "/admin/\(agency.slug)/\(round.fiscalYear)/codes"
    }

    private func page(
        _ admin: Admin, _ context: AppRequestContext, agency: Agency, round: Round, typed: String,
        problem: ValidationProblem?, status: HTTPResponse.Status
    ) async throws -> Response {
        let batches = try await site.database.codeBatches(roundId: round.id!)
        let view = CodesView(
            frame: site.frame(admin, context), agency: agency, round: round, batches: batches, typed: typed,
            problem: problem, path: codesPath(agency, round))
        return HTML.page(site.render("admin-codes", view), status: status)
    }
}

/// The access-code page of a round: the totals, each batch with its counts and actions, the "make" form.
struct CodesView: Sendable {
    let frame: AdminFrame
    let pageTitle: String
    let slug: String
    let year: Int
    let agencyName: String
    let path: String
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
        let id: Int64
        let number: Int
        let madeOn: String
        let printed: String
        let counts: Counts
        let reprintable: Bool
        let canWithdraw: Bool
    }

    init(
        frame: AdminFrame, agency: Agency, round: Round, batches: [CodeBatch], typed: String,
        problem: ValidationProblem?, path: String
    ) {
        self.frame = frame
        pageTitle = "รหัสผู้ตอบ IIT — \(agency.nameTh)"
        slug = agency.slug
        year = round.fiscalYear
        agencyName = agency.nameTh
        self.path = path
        let all = AccessCodeCounts(batches)
        totals = Counts(
            made: all.made, printed: all.printed, used: all.used, withdrawn: all.withdrawn,
            open: all.made - all.used - all.withdrawn)
        self.batches = batches.map { batch in
            Batch(
                id: batch.id, number: batch.number, madeOn: batch.madeOn?.thai ?? "ก่อนมีการเก็บชุดรหัส",
                printed: batch.printed ? "พิมพ์แล้ว" : "ยังไม่พิมพ์",
                counts: Counts(
                    made: batch.size, printed: batch.printed ? batch.size : 0, used: batch.used,
                    withdrawn: batch.withdrawn, open: batch.open),
                reprintable: batch.reprintable, canWithdraw: batch.open > 0)
        }
        hasBatches = !batches.isEmpty
        self.typed = typed
        self.problem = problem.map(ProblemView.init)
    }
}
