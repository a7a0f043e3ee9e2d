import Hummingbird
import SurveyCore
import SurveyStore

/// One-time codes in the console, for each form of the round that asks for them (the IIT's staff codes, the
/// EIT's counter slips): batches made on request, printed again without making more, unused codes withdrawn,
/// and a true count of each.
struct CodesController: Sendable {
    let database: AppDatabase
    let pages: Pages
    let bodies: RequestBodies
    let publicURL: PublicURL
    let clock: WallClock
    /// At most this many codes in one batch: a large agency's staff, or a month of a busy counter, with spares.
    static let batchLimit = 2000

    func addRoutes(to round: RouterGroup<RoundContext>) {
        let coded = round.group().add(middleware: CodedRoundMiddleware())
        coded.get(Route.codes.pattern, use: list)
        coded.post(Route.codes.pattern, use: make)
        coded.get(Route.codeSlips.pattern, use: slips)
        coded.post(Route.codeWithdrawal.pattern, use: withdraw)
    }

    @Sendable func list(_ request: Request, context: RoundContext) async throws -> Response {
        try await page(context, entry: nil, status: .ok)
    }

    @Sendable func make(_ request: Request, context: RoundContext) async throws -> Response {
        let posted = CodeBatchForm(try await bodies.checked(request, context.signedIn))
        let round = context.round
        let coded = round.settings.codedForms
        // A form that does not ask for codes gets none; a post that names no form means the only coded one.
        guard let form = posted.form ?? (coded.count == 1 ? coded[0] : nil), coded.contains(form) else {
            throw PageError.notFound
        }
        guard let count = Int(posted.count), (1...Self.batchLimit).contains(count) else {
            let problem = ValidationProblem(
                field: "count",
                message: LocalizedText(
                    th: "จำนวนรหัสต้องเป็นจำนวนเต็ม 1 ถึง \(Self.batchLimit)",
                    en: "The number of codes must be a whole number from 1 to \(Self.batchLimit)."))
            return try await page(
                context, entry: (form, posted.count, problem), status: .unprocessableContent)
        }
        let (username, slug, now) = (context.admin.username, context.agency.slug, clock.now)
        _ = try await database.makeCodeBatch(roundId: round.id, form: form, count: count, on: clock.today) { number in
            AuditEntry(
                username, .accessCodesMade, agency: slug,
                detail: "\(round.fiscalYear) \(form.rawValue): batch \(number), \(count) codes", at: now)
        }
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
        // A batch can be printed in parts (12 today, 12 tomorrow): from which slip, and how many.
        let query = request.uri.queryParameters
        let typedFrom = (query["from"].map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        let typed = (query["count"].map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        let first =
            typedFrom.isEmpty
            ? 1
            : RoundSettings.count(written: typedFrom).flatMap {
                (1...codes.count).contains($0) ? $0 : nil
            }
        let left = codes.count - (first ?? 1) + 1
        let wanted =
            typed.isEmpty
            ? left
            : RoundSettings.count(written: typed).flatMap {
                (1...left).contains($0) ? $0 : nil
            }
        let batches = try await database.codeBatches(roundId: round.id).filter { $0.form == batch.form }
        guard let first, let wanted else {
            let view = SlipsView(
                agency: agency, round: round, batch: batch, batches: batches,
                address: publicURL.address(.form(agency.slug, batch.form)), codes: [], typed: typed,
                typedFrom: typedFrom,
                problem: first == nil
                    ? "ใบแรกที่จะพิมพ์ต้องเป็นจำนวนเต็ม 1 ถึง \(codes.count) (จำนวนรหัสในชุดนี้)"
                    : "จำนวนบัตรต้องเป็นจำนวนเต็ม 1 ถึง \(left) (ที่เหลือตั้งแต่ใบที่ \(first!))")
            return HTML.page(pages.render(.slips, view), status: .unprocessableContent)
        }
        let printed = Array(codes[(first - 1)..<(first - 1 + wanted)])
        if !context.isHead {
            try await database.markPrinted(roundId: round.id, batchId: batch.id)
            try await database.audit(
                AuditEntry(
                    context.admin.username, .accessCodesPrinted, agency: agency.slug,
                    detail:
                        "\(round.fiscalYear) \(batch.form.rawValue): batch \(batch.number), \(printed.count) codes"
                        + (first > 1 ? " from \(first)" : ""),
                    at: clock.now))
        }
        let view = SlipsView(
            agency: agency, round: round, batch: batch, batches: batches,
            address: publicURL.address(.form(agency.slug, batch.form)), codes: printed,
            typed: typed.isEmpty ? String(wanted) : typed, typedFrom: String(first), problem: nil)
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
                detail: "\(round.fiscalYear) \(batch.form.rawValue): batch \(batch.number), \(withdrawn) unused codes",
                at: clock.now))
        return HTML.redirect(to: SiteURL.codes(context.agency.slug, round.fiscalYear).path)
    }

    /// The batch of the path, if it is one of the round's and of a form that still asks for codes.
    private func requireBatch(_ context: RoundContext) async throws -> CodeBatch {
        guard let id = context.parameters.number(Route.Parameter.batch),
            let batch = try await database.codeBatches(roundId: context.round.id).first(where: { $0.id == id }),
            context.round.settings.usesCodes(batch.form)
        else { throw PageError.notFound }
        return batch
    }

    /// The codes page; `entry` is a "make" form sent back with what was typed and its problem.
    private func page(
        _ context: RoundContext, entry: (form: FormKind, typed: String, problem: ValidationProblem)?,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let batches = try await database.codeBatches(roundId: context.round.id)
        let view = CodesView(
            frame: context.signedIn.frame, agency: context.agency, round: context.round, batches: batches,
            entry: entry)
        return HTML.page(pages.render(.adminCodes, view), status: status)
    }
}

/// Lets the code pages through only for a round with a form that asks for codes.
struct CodedRoundMiddleware: RouterMiddleware {
    typealias Context = RoundContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard !context.round.settings.codedForms.isEmpty else {
            throw PageError(
                .notFound,
                MessagePage(
                    heading: LocalizedText(th: "รอบนี้ไม่ใช้รหัสผู้ตอบ", en: "This round uses no access codes"),
                    text: LocalizedText(
                        th: "เปิดใช้รหัสผู้ตอบ IIT หรือบัตรรหัสเคาน์เตอร์ EIT ในหน้าตั้งค่ารอบการประเมินก่อน",
                        en: "Turn on IIT access codes or EIT counter slips in the round settings first.")))
        }
        return try await next(request, context)
    }
}

/// How the console names a form's codes and what it tells the coordinator about them.
enum CodeWording {
    static func title(_ form: FormKind) -> String {
        form == .iit ? "รหัสผู้ตอบ IIT" : "บัตรรหัสเคาน์เตอร์ EIT"
    }

    static func advice(_ form: FormKind) -> String {
        form == .iit
            ? "รหัสหนึ่งใช้ตอบได้ครั้งเดียว เมื่อผู้ตอบกรอกรหัส ระบบจะตัดรหัสนั้นทันทีและให้สิทธิ์ตอบหนึ่งครั้งที่ไม่ผูกกับรหัส"
                + " จึงไม่มีใครโยงคำตอบกลับไปหาบัตรได้ แนะนำให้แจกบัตรแบบคว่ำหน้าหรือให้หยิบจากกล่อง เพื่อไม่ให้ใครรู้ว่าบัตรใดอยู่กับใคร"
            : "แบบ EIT ของรอบนี้ต้องใช้บัตรรหัส: เจ้าหน้าที่มอบบัตรหนึ่งใบให้ผู้รับบริการแต่ละคนเมื่อให้บริการเสร็จ"
                + " บัตรหนึ่งใบตอบได้ครั้งเดียว จึงได้หนึ่งคำตอบต่อผู้มาติดต่อหนึ่งครั้ง รหัสไม่ผูกกับคำตอบ"
                + " ให้ผู้รับบริการหยิบบัตรเองจากกล่องหรือปึกที่สับแล้ว และอย่าจดว่าบัตรใดให้ใคร"
    }
}

/// The access-code page of a round: a section per form that asks for codes, each with its totals, its batches
/// with their counts and actions, and its "make" form.
struct CodesView: Sendable {
    let styles = Stylesheets()
    let frame: AdminFrame
    let pageTitle: String
    let year: Int
    let agencyName: String
    let dashboard: String
    let action: String
    let sections: [Section]

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

    /// One form's codes.
    struct Section: Sendable {
        let form: String
        let title: String
        let advice: String
        let totals: Counts
        let batches: [Batch]
        let hasBatches: Bool
        let typed: String
        let problem: ProblemView?
    }

    init(
        frame: AdminFrame, agency: Agency, round: Round, batches: [CodeBatch],
        entry: (form: FormKind, typed: String, problem: ValidationProblem)?
    ) {
        self.frame = frame
        pageTitle = "รหัสผู้ตอบ — \(agency.nameTh)"
        year = round.fiscalYear
        agencyName = agency.nameTh
        dashboard = SiteURL.dashboard(agency.slug, round.fiscalYear).path
        action = SiteURL.codes(agency.slug, round.fiscalYear).path
        sections = round.settings.codedForms.map { form in
            let mine = batches.filter { $0.form == form }
            let all = AccessCodeCounts(mine)
            let sent = entry?.form == form ? entry : nil
            return Section(
                form: form.rawValue, title: CodeWording.title(form), advice: CodeWording.advice(form),
                totals: Counts(
                    made: all.made, printed: all.printed, used: all.used, withdrawn: all.withdrawn,
                    open: all.made - all.used - all.withdrawn),
                batches: mine.map { batch in
                    Batch(
                        number: batch.number, madeOn: batch.madeOn?.thai ?? "ก่อนมีการเก็บชุดรหัส",
                        printed: batch.printed ? "พิมพ์แล้ว" : "ยังไม่พิมพ์",
                        counts: Counts(
                            made: batch.size, printed: batch.printed ? batch.size : 0, used: batch.used,
                            withdrawn: batch.withdrawn, open: batch.open),
                        reprintable: batch.reprintable, canWithdraw: batch.open > 0,
                        slips: SiteURL.codeSlips(agency.slug, round.fiscalYear, batch.id).path,
                        withdrawal: SiteURL.codeWithdrawal(agency.slug, round.fiscalYear, batch.id).path)
                }, hasBatches: !mine.isEmpty, typed: sent?.typed ?? "", problem: sent.map { ProblemView($0.problem) })
        }
    }
}

/// The code slips page: one slip per code, each with the form's QR, its address and the code.
struct SlipsView: Sendable {
    let styles = Stylesheets()
    let pageTitle: String
    let agencyName: String
    /// The survey the slip is for, as its heading names it.
    let survey: String
    let howTo: String
    let address: String
    /// The form's QR image, the same on every slip, so the page carries it once however many slips it has. The
    /// code is never in the QR or an address, where it would stay in the phone's history and in the logs of any
    /// proxy in front.
    let qr: String
    /// What the QR image is for, read out in its place.
    let qrAlt: String
    let slips: [String]
    /// The codes page this sheet came from.
    let back: String
    /// The slip pages of the form's batches, this one marked.
    let batches: [BatchLink]
    let batchNumber: Int
    let batchSize: Int
    /// The first slip and the number of slips asked for, as typed, and why they were refused.
    let from: String
    let count: String
    let problem: String?
    let sheets: String

    /// One batch of the same form and its slips page.
    struct BatchLink: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    init(
        agency: Agency, round: Round, batch: CodeBatch, batches: [CodeBatch], address: String, codes: [String],
        typed: String, typedFrom: String, problem: String?
    ) {
        let form = batch.form
        pageTitle = "\(CodeWording.title(form)) ชุดที่ \(batch.number) — \(agency.nameTh)"
        agencyName = agency.nameTh
        survey =
            form == .iit
            ? "แบบสอบถามของหน่วยงานเอง สำหรับบุคลากร (IIT)"
            : "ขอบคุณที่มาใช้บริการ · แบบสอบถามของหน่วยงานเอง (EIT) ไม่ต้องระบุชื่อ"
        howTo =
            form == .iit
            ? "พิมพ์แล้วตัดตามเส้นประ แจกบัตรละหนึ่งคน แบบคว่ำหน้าหรือให้หยิบจากกล่อง เปิดหน้านี้ซ้ำได้โดยไม่สร้างรหัสเพิ่ม"
            : "พิมพ์แล้วตัดตามเส้นประ สับบัตรก่อนวางที่จุดบริการ มอบหนึ่งใบต่อผู้รับบริการหนึ่งคน (ให้หยิบเอง)"
                + " และไม่จดว่าบัตรใดให้ใคร เปิดหน้านี้ซ้ำได้โดยไม่สร้างรหัสเพิ่ม"
        self.address = address
        qr = SiteURL.qrSVG(agency.slug, form).path
        qrAlt = "คิวอาร์โค้ดเปิดแบบสอบถาม \(form.rawValue.uppercased()) ของ\(agency.nameTh) ที่ \(address)"
        slips = codes
        back = SiteURL.codes(agency.slug, round.fiscalYear).path
        self.batches = batches.map {
            BatchLink(
                label: "ชุดที่ \($0.number) (\($0.size) รหัส)",
                href: SiteURL.codeSlips(agency.slug, round.fiscalYear, $0.id).path, current: $0.id == batch.id)
        }
        batchNumber = batch.number
        batchSize = batch.size
        count = typed
        from = typedFrom
        self.problem = problem
        let pages = (codes.count + Self.perSheet - 1) / Self.perSheet
        sheets = codes.isEmpty ? "" : "\(codes.count) บัตร · กระดาษ A4 \(pages) แผ่น (แผ่นละ \(Self.perSheet) บัตร)"
    }

    /// Slips on one A4 sheet: three across, four down.
    static let perSheet = 12
}
