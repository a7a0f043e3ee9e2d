import Hummingbird
import NIOCore
import SurveyCore
import SurveyStore

/// The public survey forms: show a form, take an access code, take the answers, thank the respondent.
struct FormController: Sendable {
    let directory: AgencyDirectory
    let catalog: InstrumentCatalog
    let database: AppDatabase
    let pages: Pages
    let formPages: FormPages
    let bodies: RequestBodies
    let tokens: FormTokens
    let limiter: AddressLimiter
    let trustedProxies: [AddressRange]
    let bursts: SubmissionBursts
    let metrics: Metrics
    /// Whether cookies carry `Secure` (the public address is https).
    let secureCookies: Bool
    let clock: WallClock

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(Route.form.pattern, use: show)
        router.post(Route.form.pattern, use: submit)
        router.post(Route.formCode.pattern, use: enterCode)
        router.get(Route.formThanks.pattern, use: thanks)
        router.get(Route.formReceived.pattern, use: received)
    }

    /// The ballot cookie: set when an access code is spent, sent back only to the form of that agency it opens.
    static let ballotCookie = "prongsai_ballot"

    /// An agency's open round and the instrument it uses for a form.
    struct Target {
        let agency: Agency
        let round: Round
        let instrument: Instrument
    }

    /// Resolves `/{agency}/{form}` to an open round; throws the 404/410 page that says why there is none.
    func target(_ context: AppRequestContext, language: Language) async throws -> Target {
        guard let (listing, form) = try await directory.listingAndForm(context.parameters) else {
            throw PageError.notFound
        }
        let agency = listing.agency
        /// The page that says why the form cannot be answered.
        func unavailable(_ status: HTTPResponse.Status, _ heading: LocalizedText, _ text: LocalizedText) -> PageError {
            PageError(status, MessagePage(language, heading: heading, text: text))
        }
        guard !agency.archived else {
            throw unavailable(
                .gone, LocalizedText(th: "ปิดรับคำตอบแล้ว", en: "The survey has closed"),
                LocalizedText(
                    th: "แบบสอบถามของ\(agency.nameTh) ปิดแล้ว ไม่รับคำตอบเพิ่ม ขอบคุณที่สนใจ",
                    en: "\(agency.nameEn)'s survey is closed and takes no more answers. Thank you for your interest."))
        }
        guard let (round, status) = listing.current,
            let instrument = catalog.instrument(form, version: round.instrumentVersion(form))
        else {
            throw unavailable(
                .notFound, LocalizedText(th: "ยังไม่มีแบบสอบถาม", en: "No survey yet"),
                LocalizedText(
                    th: "\(agency.nameTh) ยังไม่ได้เปิดรอบการประเมิน",
                    en: "\(agency.nameEn) has not opened a survey round yet."))
        }
        switch status {
        case .open:
            return Target(agency: agency, round: round, instrument: instrument)
        case .notYetOpen(let opens):
            throw unavailable(
                .notFound, LocalizedText(th: "แบบสอบถามยังไม่เปิด", en: "The survey is not open yet"),
                LocalizedText(
                    th: "แบบสอบถามของ\(agency.nameTh) จะเปิดให้ตอบวันที่ \(opens.thai)",
                    en: "\(agency.nameEn)'s survey opens on \(opens)."))
        case .closed(let closed):
            throw unavailable(
                .gone, LocalizedText(th: "ปิดรับคำตอบแล้ว", en: "The survey has closed"),
                LocalizedText(
                    th: "แบบสอบถามของ\(agency.nameTh) ปิดรับคำตอบเมื่อวันที่ \(closed.thai) ขอบคุณที่สนใจ",
                    en: "\(agency.nameEn)'s survey closed on \(closed). Thank you for your interest."))
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Language(request)
        let target = try await target(context, language: language)
        let (agency, round, instrument) = (target.agency, target.round, target.instrument)
        if needsCode(round, instrument), try await unspentBallot(request, round: round, form: instrument.form) == nil {
            return codePage(
                agency: agency, form: instrument.form, language: language, typed: "", problem: nil, status: .ok)
        }
        let page = formPages.page(agency: agency, round: round, instrument: instrument, language: language)
        let token = tokens.issue(
            roundId: round.id, form: instrument.form, version: instrument.version, day: clock.today)
        return HTML.formPage(page.filled([.token: token]))
    }

    /// Takes a typed access code: spends it in a transaction of its own and hands back a ballot, which the
    /// browser keeps as a cookie for the form. The "English"/"ไทย" button of the code page comes here too
    /// and only switches the page's language, keeping what was typed.
    @Sendable func enterCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let target = try await target(context, language: .th)
        let (agency, round, instrument) = (target.agency, target.round, target.instrument)
        guard needsCode(round, instrument) else { throw PageError.notFound }
        guard Self.isFormEncoded(request) else { throw unsupported(.th) }
        let entry = CodeForm(try await bodies.values(request))
        let typed = entry.typed
        let kind = instrument.form
        if let other = entry.switchTo {
            return codePage(agency: agency, form: kind, language: other, typed: typed, problem: nil, status: .ok)
        }
        let language = entry.language
        let formURL = SiteURL.form(agency.slug, kind)
        let form = HTML.redirect(to: formURL.path(language))
        // A browser that holds an unspent ballot goes back to its form rather than spending a second code.
        if try await unspentBallot(request, round: round, form: kind) != nil { return form }
        guard let code = AccessCode.normalize(typed) else {
            return codePage(
                agency: agency, form: kind, language: language, typed: typed,
                problem: Self.codeProblem(.unknown, form: kind), status: .unprocessableContent)
        }
        // Each try takes from the same allowance as a submission, so codes cannot be guessed at speed.
        guard limiter.allow(ClientAddress.of(request, context, trusted: trustedProxies), now: clock.now) else {
            var limited = codePage(
                agency: agency, form: kind, language: language, typed: typed, problem: Self.limitedProblem,
                status: .tooManyRequests)
            limited.headers[.retryAfter] = "30"
            return limited
        }
        let status: AccessCodeStatus
        do {
            status = try await database.spendAccessCode(roundId: round.id, form: kind, code: code)
        } catch {
            var unavailable = codePage(
                agency: agency, form: kind, language: language, typed: typed, problem: Self.unavailableProblem,
                status: .serviceUnavailable)
            unavailable.headers[.retryAfter] = "10"
            return unavailable
        }
        guard status == .unused else {
            return codePage(
                agency: agency, form: kind, language: language, typed: typed,
                problem: Self.codeProblem(status, form: kind), status: .unprocessableContent)
        }
        var response = form
        let ballot = tokens.issue(roundId: round.id, form: kind, purpose: .ballot, day: clock.today)
        response.headers[.setCookie] = ballotCookie(ballot, path: formURL.path, maxAge: FormTokens.validDays * 86_400)
        return response
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = Language(request)
        let target = try await target(context, language: language)
        let (agency, round, instrument) = (target.agency, target.round, target.instrument)
        guard Self.isFormEncoded(request) else { throw unsupported(language) }
        let values = FormBody.parse(try await bodies.body(request))
        let form = instrument.form
        let formURL = SiteURL.form(agency.slug, form)
        let tokenText = values["token"] ?? ""
        let today = clock.today
        var ballot: OneTimeNonce?
        if needsCode(round, instrument) {
            // A spent ballot still goes to the store: with its spent token it is a double tap, thanked there.
            guard let found = genuineBallot(request, round: round, form: form) else {
                // Back after the thank-you page, then send: the ballot cookie is gone, but the page's token is spent.
                // A store that cannot be read just now leaves the code page, never an error.
                if let token = tokens.verify(
                    tokenText, roundId: round.id, form: form, version: instrument.version, today: today),
                    (try? await database.isSpent(token)) == true
                {
                    return HTML.redirect(to: SiteURL.formReceived(agency.slug, form).path(language))
                }
                return codePage(
                    agency: agency, form: form, language: language, typed: "", problem: Self.noBallotProblem,
                    status: .forbidden)
            }
            ballot = found
        }
        let render = { (problems: [ValidationProblem], token: String, status: HTTPResponse.Status) -> Response in
            let page = formPages.render(
                agency: agency, instrument: instrument, language: language, answers: values, problems: problems)
            // Never kept: this page holds the answers, which must not stay on the phone's disk.
            return HTML.page(page.filled([.token: token]), status: status)
        }
        guard
            let token = tokens.verify(
                tokenText, roundId: round.id, form: form, version: instrument.version, today: today)
        else {
            let problem = ValidationProblem(
                field: "token",
                message: LocalizedText(
                    th: "แบบฟอร์มนี้หมดอายุหรือไม่ถูกต้อง คำตอบของท่านยังอยู่ครบ กรุณากดส่งอีกครั้ง",
                    en: "This form has expired or is not valid. Your answers are kept; please send it again."))
            return render(
                [problem], tokens.issue(roundId: round.id, form: form, version: instrument.version, day: today),
                .badRequest)
        }
        switch instrument.validate(values, day: today) {
        case .failure(let failure):
            metrics.submission(.invalid)
            return render(failure.problems, tokenText, .unprocessableContent)
        case .success(let response):
            guard limiter.allow(ClientAddress.of(request, context, trusted: trustedProxies), now: clock.now) else {
                metrics.submission(.limited)
                var limited = render([Self.limitedProblem], tokenText, .tooManyRequests)
                limited.headers[.retryAfter] = "30"
                return limited
            }
            let outcome: RecordOutcome
            do {
                outcome = try await database.record(
                    Submission(response: response, roundId: round.id, token: token, ballot: ballot))
            } catch StoreError.unavailable {
                // The transaction did not happen: the token is unspent and the same form can be sent again.
                metrics.submission(.unavailable)
                var unavailable = render([Self.unavailableProblem], tokenText, .serviceUnavailable)
                unavailable.headers[.retryAfter] = "10"
                return unavailable
            }
            var answer: Response
            switch outcome {
            case .stored:
                metrics.submission(.stored)
                bursts.noteStored(roundId: round.id, day: today)
                answer = HTML.redirect(to: SiteURL.formThanks(agency.slug, form).path(language))
            case .alreadySubmitted:
                metrics.submission(.duplicate)
                answer = HTML.redirect(to: SiteURL.formReceived(agency.slug, form).path(language))
            case .ballotSpent:
                metrics.submission(.ballotSpent)
                answer = codePage(
                    agency: agency, form: form, language: language, typed: "",
                    problem: Self.codeProblem(.used, form: form), status: .conflict)
            }
            // A double tap leaves the cookie alone: it may already hold a newer ballot.
            if ballot != nil, outcome != .alreadySubmitted {
                answer.headers[.setCookie] = ballotCookie("", path: formURL.path, maxAge: 0)
            }
            return answer
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

    /// The thank-you page: names the agency and says the answers are in, complete.
    @Sendable func thanks(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await receipt(request, context) { language, agency in
            MessagePage(
                language, heading: LocalizedText(th: UIStrings.thai.thanksHeading, en: UIStrings.english.thanksHeading),
                text: LocalizedText(
                    th: Language.th.thanksText(agency: agency.nameTh), en: Language.en.thanksText(agency: agency.nameEn)
                ), thaiOnly: true)
        }
    }

    /// The page for answers sent a second time with a spent token: they were stored the first time, and only then.
    @Sendable func received(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await receipt(request, context) { language, agency in
            MessagePage(
                language,
                heading: LocalizedText(
                    th: UIStrings.thai.alreadyReceivedHeading, en: UIStrings.english.alreadyReceivedHeading),
                text: LocalizedText(
                    th: Language.th.alreadyReceivedText(agency: agency.nameTh),
                    en: Language.en.alreadyReceivedText(agency: agency.nameEn)), thaiOnly: true)
        }
    }

    /// A page after sending, of the path's agency, in the request's language.
    private func receipt(
        _ request: Request, _ context: AppRequestContext, page: (Language, Agency) -> MessagePage
    ) async throws -> Response {
        let language = Language(request)
        guard let (listing, _) = try await directory.listingAndForm(context.parameters) else {
            throw PageError.notFound
        }
        return pages.response(page(language, listing.agency), status: .ok)
    }

    /// Who sent the request, as far as the limit is concerned.
    private func needsCode(_ round: Round, _ instrument: Instrument) -> Bool {
        round.settings.usesCodes(instrument.form)
    }

    private static func isFormEncoded(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
    }

    private func unsupported(_ language: Language) -> PageError {
        PageError(
            .unsupportedMediaType,
            MessagePage(
                language, heading: LocalizedText(th: "ส่งข้อมูลไม่ถูกรูปแบบ", en: "Unsupported form data"),
                text: LocalizedText(
                    th: "กรุณาส่งคำตอบจากหน้าแบบสอบถาม", en: "Please send your answers from the survey page.")))
    }

    /// The request's ballot for this round's form, if it is genuine and unexpired.
    private func genuineBallot(_ request: Request, round: Round, form: FormKind) -> OneTimeNonce? {
        request.cookies[Self.ballotCookie].flatMap {
            tokens.verify($0.value, roundId: round.id, form: form, purpose: .ballot, today: clock.today)
        }
    }

    /// The request's ballot for this round's form, if it is genuine, unexpired and not yet spent.
    private func unspentBallot(_ request: Request, round: Round, form: FormKind) async throws -> OneTimeNonce? {
        guard let ballot = genuineBallot(request, round: round, form: form) else { return nil }
        return try await database.isSpent(ballot) ? nil : ballot
    }

    /// The ballot cookie, or with `maxAge` 0 the header that removes it.
    private func ballotCookie(_ value: String, path: String, maxAge: Int) -> String {
        "\(Self.ballotCookie)=\(value); Path=\(path); Max-Age=\(maxAge); HttpOnly; SameSite=Strict"
            + (secureCookies ? "; Secure" : "")
    }

    static func codeProblem(_ status: AccessCodeStatus, form: FormKind) -> ValidationProblem {
        let message: LocalizedText
        switch status {
        case .used:
            message = LocalizedText(
                th: "รหัสนี้ถูกใช้ไปแล้ว รหัสหนึ่งใช้ตอบได้ครั้งเดียว หากท่านกรอกรหัสนี้ไว้แต่ยังไม่ได้ส่งคำตอบ"
                    + " กรุณาเปิดแบบสอบถามจากโทรศัพท์หรือเบราว์เซอร์เดิมที่ใช้กรอกรหัส",
                en: "This code has been used already; each code works once. If you typed it but have not sent"
                    + " your answers yet, open the survey on the phone or browser where you typed it.")
        case .withdrawn:
            message =
                form == .iit
                ? LocalizedText(
                    th: "รหัสนี้ถูกยกเลิกแล้ว กรุณาขอบัตรใหม่จากผู้ประสานงาน",
                    en: "This code has been withdrawn; please ask the coordinator for a new slip.")
                : LocalizedText(
                    th: "รหัสนี้ถูกยกเลิกแล้ว กรุณาขอบัตรใหม่ที่จุดให้บริการ",
                    en: "This code has been withdrawn; please ask for a new slip at the service counter.")
        case .unknown, .unused:
            message = LocalizedText(
                th: "ไม่พบรหัสนี้ กรุณาตรวจสอบตัวอักษรบนบัตรอีกครั้ง (รหัสมี 8 ตัว เช่น ABCD-EFGH)",
                en: "This code is not recognised; please check the letters on your slip (8 characters, e.g. ABCD-EFGH)."
            )
        }
        return ValidationProblem(field: "code", message: message)
    }

    /// Shown when answers arrive without a ballot: the code was never entered here, or its cookie expired.
    static let noBallotProblem = ValidationProblem(
        field: "code",
        message: LocalizedText(
            th: "กรุณากรอกรหัสจากบัตรก่อน แล้วจึงตอบแบบสอบถาม",
            en: "Please enter the code from your slip first, then answer the survey."))

    private func codePage(
        agency: Agency, form: FormKind, language: Language, typed: String, problem: ValidationProblem?,
        status: HTTPResponse.Status
    ) -> Response {
        let strings = language.strings
        return HTML.page(
            pages.render(
                .code,
                CodeView(
                    lang: language.rawValue, t: strings, pageTitle: strings.codeHeading,
                    agencyName: agency.name(english: language == .en),
                    text: form == .iit ? strings.codeText : strings.counterCodeText,
                    action: SiteURL.formCode(agency.slug, form).path, typed: typed, switchLang: language.other.rawValue,
                    problem: problem.map { ShownProblem($0, language) })),
            status: status)
    }
}

/// The access-code form as posted: what was typed, the page's language, and the other language when its button
/// was pressed instead of "continue".
struct CodeForm: Sendable {
    let typed: String
    let language: Language
    let switchTo: Language?

    init(_ values: FormValues) {
        typed = String((values.raw["code"] ?? "").prefix(40))
        language = Language(query: values.raw["lang"]?[...])
        switchTo = values.raw["switch"].map { Language(query: $0[...]) }
    }
}

/// The page that asks a respondent for an access code: a staff code of the IIT, a counter slip of the EIT.
struct CodeView: Sendable {
    let styles = Stylesheets()
    let lang: String
    let t: UIStrings
    let pageTitle: String
    let agencyName: String
    /// What the code is and where it comes from.
    let text: String
    let action: String
    /// What was typed, kept when the page comes back with a problem or in the other language.
    let typed: String
    let switchLang: String
    let problem: ShownProblem?
}
