import Hummingbird
import NIOCore
import SurveyCore
import SurveyStore

/// The public survey forms: show a form, take its answers, thank the respondent.
struct FormController: Sendable {
    let site: Site

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(":agency/:form", use: show)
        router.post(":agency/:form", use: submit)
        router.get(":agency/:form/thanks", use: thanks)
    }

    /// An agency's open round and the instrument it uses for a form, or the page that says why there is none.
    enum Target {
        case open(agency: Agency, round: Round, instrument: Instrument)
        case unavailable(Response)
    }

    /// Resolves `/{agency}/{form}` to an open round, or to a 404/410 page.
    func target(_ context: AppRequestContext, language: Language) async throws -> Target {
        guard let (listing, form) = try await site.listingAndForm(context) else {
            return .unavailable(site.messageResponse(.notFound, status: .notFound))
        }
        let agency = listing.agency
        let today = Day.today
        guard let (round, status) = listing.current(on: today),
            let instrument = site.catalog.instrument(form, version: round.instrumentVersion(form))
        else {
            return .unavailable(
                site.messageResponse(
                    MessagePage(
                        language, heading: LocalizedText(th: "ยังไม่มีแบบสอบถาม", en: "No survey yet"),
                        text: LocalizedText(
                            th: "\(agency.nameTh) ยังไม่ได้เปิดรอบการประเมิน",
                            en: "\(agency.nameEn) has not opened a survey round yet.")),
                    status: .notFound))
        }
        switch status {
        case .open:
            return .open(agency: agency, round: round, instrument: instrument)
        case .notYetOpen(let opens):
            return .unavailable(
                site.messageResponse(
                    MessagePage(
                        language, heading: LocalizedText(th: "แบบสอบถามยังไม่เปิด", en: "The survey is not open yet"),
                        text: LocalizedText(
                            th: "แบบสอบถามของ\(agency.nameTh) จะเปิดให้ตอบวันที่ \(opens.thai)",
                            en: "\(agency.nameEn)'s survey opens on \(opens).")),
                    status: .notFound))
        case .closed(let closed):
            return .unavailable(
                site.messageResponse(
                    MessagePage(
                        language, heading: LocalizedText(th: "ปิดรับคำตอบแล้ว", en: "The survey has closed"),
                        text: LocalizedText(
                            th: "แบบสอบถามของ\(agency.nameTh) ปิดรับคำตอบเมื่อวันที่ \(closed.thai) ขอบคุณที่สนใจ",
                            en: "\(agency.nameEn)'s survey closed on \(closed). Thank you for your interest.")),
                    status: .gone))
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Language(query: request.uri.queryParameters["lang"])
        let (agency, round, instrument): (Agency, Round, Instrument)
        switch try await target(context, language: language) {
        case .unavailable(let response): return response
        case .open(let found, let open, let form): (agency, round, instrument) = (found, open, form)
        }
        let needsCode = instrument.form == .iit && round.iitCodes
        var code: String?
        if needsCode {
            guard let typed = request.uri.queryParameters["code"], !typed.isEmpty else {
                return codePage(agency: agency, path: request.uri.path, language: language, problem: nil, status: .ok)
            }
            switch try await checkCode(String(typed), roundId: round.id!) {
            case .success(let normalized): code = normalized
            case .failure(let problem):
                return codePage(
                    agency: agency, path: request.uri.path, language: language, problem: problem,
                    status: .unprocessableContent)
            }
        }
        let page = cachedPage(
            agency: agency, round: round, instrument: instrument, language: language, path: request.uri.path)
        let token = site.tokens.issue(roundId: round.id!, form: instrument.form)
        return HTML.page(page.filled([.token: token, .code: code ?? ""]))
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Language(query: request.uri.queryParameters["lang"])
        let (agency, round, instrument): (Agency, Round, Instrument)
        switch try await target(context, language: language) {
        case .unavailable(let response): return response
        case .open(let found, let open, let form): (agency, round, instrument) = (found, open, form)
        }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            return site.messageResponse(
                MessagePage(
                    language, heading: LocalizedText(th: "ส่งข้อมูลไม่ถูกรูปแบบ", en: "Unsupported form data"),
                    text: LocalizedText(
                        th: "กรุณาส่งคำตอบจากหน้าแบบสอบถาม", en: "Please send your answers from the survey page.")),
                status: .unsupportedMediaType)
        }
        let values = FormBody.parse(try await site.body(request, context: context))
        let path = request.uri.path
        let form = instrument.form
        let needsCode = form == .iit && round.iitCodes
        var code: String?
        if needsCode {
            switch try await checkCode(values["code"] ?? "", roundId: round.id!) {
            case .success(let normalized): code = normalized
            case .failure(let problem):
                // A double tap after the code was spent lands here only if its token is unspent too.
                return codePage(
                    agency: agency, path: path, language: language, problem: problem, status: .unprocessableContent)
            }
        }
        let tokenText = values["token"] ?? ""
        let today = Day.today
        let render = { (problems: [ValidationProblem], token: String, status: HTTPResponse.Status) -> Response in
            let view = FormView(
                instrument: instrument, agency: language == .th ? agency.nameTh : agency.nameEn, path: path,
                language: language, needsCode: needsCode, answers: values, problems: problems)
            return HTML.page(
                SlottedPage(site.render("form", view)).filled([.token: token, .code: code ?? ""]), status: status)
        }
        guard let token = site.tokens.verify(tokenText, roundId: round.id!, form: form, today: today) else {
            let problem = ValidationProblem(
                field: "token",
                message: LocalizedText(
                    th: "แบบฟอร์มนี้หมดอายุหรือไม่ถูกต้อง คำตอบของท่านยังอยู่ครบ กรุณากดส่งอีกครั้ง",
                    en: "This form has expired or is not valid. Your answers are kept; please send it again."))
            return render([problem], site.tokens.issue(roundId: round.id!, form: form), .badRequest)
        }
        switch instrument.validate(values, day: today) {
        case .failure(let failure):
            site.metrics.submission("invalid")
            return render(failure.problems, tokenText, .unprocessableContent)
        case .success(let response):
            guard site.limiter.allow(context.remoteAddress) else {
                site.metrics.submission("limited")
                var limited = render([Self.limitedProblem], tokenText, .tooManyRequests)
                limited.headers[.retryAfter] = "30"
                return limited
            }
            let outcome: RecordOutcome
            do {
                outcome = try await site.database.record(
                    Submission(
                        response: response, roundId: round.id!, token: token.nonce, tokenDay: token.day,
                        accessCode: code))
            } catch StoreError.unavailable {
                // The transaction did not happen: the token is unspent and the same form can be sent again.
                site.metrics.submission("unavailable")
                var unavailable = render([Self.unavailableProblem], tokenText, .serviceUnavailable)
                unavailable.headers[.retryAfter] = "10"
                return unavailable
            }
            switch outcome {
            case .stored, .alreadySubmitted:
                site.metrics.submission(outcome == .stored ? "stored" : "duplicate")
                return HTML.redirect(to: path + "/thanks" + (language == .en ? "?lang=en" : ""))
            case .accessCodeRefused(let status):
                site.metrics.submission("code refused")
                return codePage(
                    agency: agency, path: path, language: language, problem: Self.codeProblem(status),
                    status: .unprocessableContent)
            }
        }
    }

    /// Shown when the database cannot take the answers just now.
    static let unavailableProblem = ValidationProblem(
        field: "store",
        message: LocalizedText(
            th: "ขออภัย ระบบยังบันทึกคำตอบไม่ได้ในขณะนี้ คำตอบของท่านยังอยู่ครบ กรุณากดส่งอีกครั้งในอีกสักครู่",
            en: "Sorry, your answers could not be saved just now. They are all still here; please send again shortly."))

    /// Shown when one network address sends more than the limit allows.
    static let limitedProblem = ValidationProblem(
        field: "limit",
        message: LocalizedText(
            th: "มีการส่งคำตอบจากเครือข่ายนี้ถี่เกินไป คำตอบของท่านยังอยู่ครบ กรุณารอสักครู่แล้วกดส่งอีกครั้ง",
            en:
                "Too many answers were sent from this network just now. Yours are kept; please wait a moment and send again."
        ))

    @Sendable func thanks(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Language(query: request.uri.queryParameters["lang"])
        guard try await site.listingAndForm(context) != nil else {
            return site.messageResponse(.notFound, status: .notFound)
        }
        return site.messageResponse(
            MessagePage(
                language, heading: LocalizedText(th: UIStrings.thai.thanksHeading, en: UIStrings.english.thanksHeading),
                text: LocalizedText(th: UIStrings.thai.thanksText, en: UIStrings.english.thanksText)),
            status: .ok)
    }

    /// The form page from the cache: the same bytes for every visitor but the token and code.
    private func cachedPage(agency: Agency, round: Round, instrument: Instrument, language: Language, path: String)
        -> SlottedPage
    {
        let name = language == .th ? agency.nameTh : agency.nameEn
        let needsCode = instrument.form == .iit && round.iitCodes
        let key = FormPageKey(
            roundId: round.id!, form: instrument.form, language: language, needsCode: needsCode, agencyName: name)
        return site.formPage(key) {
            SlottedPage(
                site.render(
                    "form",
                    FormView(instrument: instrument, agency: name, path: path, language: language, needsCode: needsCode)
                ))
        }
    }

    /// A typed code, normalized, if it is one of the round's unused codes; else the problem to show.
    private func checkCode(_ typed: String, roundId: Int64) async throws -> Result<String, ValidationProblem> {
        guard let normalized = AccessCode.normalize(typed) else { return .failure(Self.codeProblem(.unknown)) }
        let status = try await site.database.accessCodeStatus(roundId: roundId, code: normalized)
        return status == .unused ? .success(normalized) : .failure(Self.codeProblem(status))
    }

    static func codeProblem(_ status: AccessCodeStatus) -> ValidationProblem {
        ValidationProblem(
            field: "code",
            message: status == .used
                ? LocalizedText(
                    th: "รหัสนี้ถูกใช้ตอบแบบสอบถามไปแล้ว รหัสหนึ่งใช้ได้ครั้งเดียว",
                    en: "This code has been used already; each code works once.")
                : LocalizedText(
                    th: "ไม่พบรหัสนี้ กรุณาตรวจสอบตัวอักษรบนบัตรอีกครั้ง",
                    en: "This code is not recognised; please check the letters on your slip."))
    }

    private func codePage(
        agency: Agency, path: String, language: Language, problem: ValidationProblem?, status: HTTPResponse.Status
    ) -> Response {
        HTML.page(
            site.render(
                "code",
                CodeView(
                    lang: language.rawValue, t: language.strings,
                    pageTitle: language.strings.codeHeading,
                    agencyName: language == .th ? agency.nameTh : agency.nameEn,
                    action: path, english: language == .en, problem: problem.map(ProblemView.init))),
            status: status)
    }
}

/// The page that asks an IIT respondent for an access code.
struct CodeView: Sendable {
    let lang: String
    let t: UIStrings
    let pageTitle: String
    let agencyName: String
    let action: String
    let english: Bool
    let problem: ProblemView?
}

extension Site {
    /// The agency (with its rounds) and form named by the `:agency/:form` path, if both exist.
    func listingAndForm(_ context: AppRequestContext) async throws -> (AgencyListing, FormKind)? {
        guard let slug = context.parameters.get("agency"), let form = context.parameters.get("form", as: FormKind.self),
            let listing = try await listing(slug: slug)
        else { return nil }
        return (listing, form)
    }

    /// A message page as a response.
    func messageResponse(_ page: MessagePage, status: HTTPResponse.Status) -> Response {
        HTML.page(render("message", page), status: status)
    }
}
