import Foundation
import Hummingbird
import SurveyCore
import SurveyStore

/// An agency's integrity measures plan of a fiscal year in the console, whether or not it runs a round that year:
/// drafted from the year before's results, edited as a table, its follow-up typed during the year, both printed
/// on A4 and downloaded as DOCX.
struct MeasuresController: Sendable {
    let database: AppDatabase
    let releases: Releases
    let catalog: InstrumentCatalog
    let pages: Pages
    let bodies: RequestBodies
    let clock: WallClock

    func addRoutes(to agency: RouterGroup<AgencyContext>) {
        agency.get(Route.measuresYears.pattern, use: chooseYear)
        agency.get(Route.measures.pattern, use: show)
        agency.post(Route.measures.pattern, use: save)
        agency.post(Route.measuresDraft.pattern, use: draft)
        agency.get(Route.measuresPrint.pattern, use: printPlan)
        agency.get(Route.measuresDocx.pattern, use: planDocx)
        agency.get(Route.followUp.pattern, use: showFollowUp)
        agency.post(Route.followUp.pattern, use: saveFollowUp)
        agency.get(Route.followUpPrint.pattern, use: printFollowUp)
        agency.get(Route.followUpDocx.pattern, use: followUpDocx)
    }

    /// The agency page's year picker: sends the admin to that year's plan.
    @Sendable func chooseYear(_ request: Request, context: AgencyContext) async throws -> Response {
        let year = try PickedYear.read(
            request, in: Self.years, of: LocalizedText(th: "ของมาตรการ", en: "of the plan"), example: 2567)
        return HTML.redirect(to: SiteURL.measures(context.agency.slug, year).path)
    }

    @Sendable func show(_ request: Request, context: AgencyContext) async throws -> Response {
        let year = try context.pathYear(in: Self.years)
        let stored = try await database.measuresPlan(agencyId: context.agency.id, year: year)
        let query = request.uri.queryParameters
        let notice: MeasuresView.Notice? =
            query["saved"] == "1" ? .saved : query["drafted"] == "1" ? .drafted : nil
        return try await page(
            context, year: year, stored: stored, typed: stored.map(MeasuresPlan.Typed.init) ?? MeasuresPlan.Typed(),
            notice: notice, problems: [], status: .ok)
    }

    /// Saves the typed plan whole, or, for a row button, shows the form again with the row added, removed, moved
    /// or filled from a suggestion, storing nothing.
    @Sendable func save(_ request: Request, context: AgencyContext) async throws -> Response {
        let year = try context.pathYear(in: Self.years)
        let values = try await bodies.checked(request, context.signedIn)
        let stored = try await database.measuresPlan(agencyId: context.agency.id, year: year)
        var form = MeasuresForm(values, stored: stored)
        if form.results != MeasuresForm.resultsFingerprint(stored), form.takeResults(from: stored),
            form.command == .save
        {
            return try await page(
                context, year: year, stored: stored, typed: form.typed, notice: .resultsSavedMeanwhile, problems: [],
                status: .conflict)
        }
        guard form.command == .save else {
            return try await page(
                context, year: year, stored: stored, typed: form.typed, notice: .unsaved, problems: [], status: .ok)
        }
        switch form.typed.validated(fiscalYear: year, basis: stored?.basis) {
        case .success(let plan):
            try await database.saveMeasuresPlan(
                plan, agency: context.agency, action: .measuresPlanSaved, by: context.admin.username, at: clock.now)
            return HTML.redirect(to: SiteURL.measures(context.agency.slug, year).path(query: "saved", "1"))
        case .failure(let failure):
            return try await page(
                context, year: year, stored: stored, typed: form.typed, notice: nil, problems: failure.problems,
                status: .unprocessableContent)
        }
    }

    /// Drafts the plan from the year before's analysis; an edited plan is kept unless `replace` is ticked.
    @Sendable func draft(_ request: Request, context: AgencyContext) async throws -> Response {
        let year = try context.pathYear(in: Self.years)
        let values = try await bodies.checked(request, context.signedIn)
        let stored = try await database.measuresPlan(agencyId: context.agency.id, year: year)
        let typed = stored.map(MeasuresPlan.Typed.init) ?? MeasuresPlan.Typed()
        guard let report = try await analysis(context.agency, year: year - 1) else {
            return try await page(
                context, year: year, stored: stored, typed: typed, notice: .nothingToDraft, problems: [],
                status: .unprocessableContent)
        }
        var plan = MeasuresPlan.drafted(from: report)
        // The signer and the approval chain are the agency's people, not the results': a new draft keeps them.
        if let stored {
            plan.signer = stored.signer
            plan.announcedOn = stored.announcedOn
            plan.approvals = stored.approvals
        }
        let saving = try await database.saveMeasuresPlan(
            plan, agency: context.agency, action: .measuresPlanDrafted, replacingEdited: values["replace"] == "1",
            by: context.admin.username, at: clock.now)
        guard saving != .keptEdited else {
            return try await page(
                context, year: year, stored: stored, typed: typed, notice: .keptEdited, problems: [],
                status: .conflict)
        }
        return HTML.redirect(to: SiteURL.measures(context.agency.slug, year).path(query: "drafted", "1"))
    }

    @Sendable func printPlan(_ request: Request, context: AgencyContext) async throws -> Response {
        let plan = try await storedPlan(context)
        return HTML.page(pages.render(.measuresPrint, PlanSheet(plan: plan, agency: context.agency)))
    }

    @Sendable func planDocx(_ request: Request, context: AgencyContext) async throws -> Response {
        let plan = try await storedPlan(context)
        return try await download(
            PlanSheet(plan: plan, agency: context.agency).document(
                thaiDigits: Digits.requested(by: request)
            ).docx(), context: context,
            action: .measuresPlanDownloaded, year: plan.fiscalYear,
            name: (ascii: "measures-\(plan.fiscalYear)", thai: "มาตรการส่งเสริมคุณธรรม-\(plan.fiscalYear)"))
    }

    @Sendable func showFollowUp(_ request: Request, context: AgencyContext) async throws -> Response {
        let plan = try await storedPlan(context)
        let view = FollowUpView(
            frame: context.signedIn.frame, agency: context.agency, plan: plan, form: FollowUpForm(plan: plan),
            saved: request.uri.queryParameters["saved"] == "1", problems: [])
        return HTML.page(pages.render(.measuresFollowUp, view))
    }

    /// Saves the output, outcome and approvals onto the plan they were typed for; a plan changed meanwhile is
    /// refused (409) rather than given another row's results.
    @Sendable func saveFollowUp(_ request: Request, context: AgencyContext) async throws -> Response {
        let stored = try await storedPlan(context)
        let form = FollowUpForm(try await bodies.checked(request, context.signedIn), stored: stored)
        guard form.fingerprint == FollowUpForm.fingerprint(stored) else {
            throw PageError(
                .conflict,
                MessagePage(
                    heading: LocalizedText(th: "มาตรการเปลี่ยนไประหว่างที่กรอก", en: "The plan changed meanwhile"),
                    text: LocalizedText(
                        th: "มีผู้แก้ไขแถวของมาตรการหลังจากเปิดหน้านี้ ยังไม่ได้บันทึกสิ่งใด กรุณาเปิดหน้าผลการดำเนินการใหม่แล้วกรอกอีกครั้ง",
                        en: "Someone changed the plan's rows after this page was opened; nothing was saved. Please"
                            + " open the follow-up page again.")))
        }
        switch form.typed.validated(fiscalYear: stored.fiscalYear, basis: stored.basis) {
        case .success(let plan):
            try await database.saveMeasuresPlan(
                plan, agency: context.agency, action: .measuresFollowUpSaved, by: context.admin.username,
                at: clock.now)
            return HTML.redirect(
                to: SiteURL.followUp(context.agency.slug, stored.fiscalYear).path(query: "saved", "1"))
        case .failure(let failure):
            let view = FollowUpView(
                frame: context.signedIn.frame, agency: context.agency, plan: stored, form: form, saved: false,
                problems: failure.problems)
            return HTML.page(pages.render(.measuresFollowUp, view), status: .unprocessableContent)
        }
    }

    @Sendable func printFollowUp(_ request: Request, context: AgencyContext) async throws -> Response {
        let plan = try await storedPlan(context)
        return HTML.page(pages.render(.followUpPrint, FollowUpSheet(plan: plan, agency: context.agency)))
    }

    @Sendable func followUpDocx(_ request: Request, context: AgencyContext) async throws -> Response {
        let plan = try await storedPlan(context)
        return try await download(
            FollowUpSheet(plan: plan, agency: context.agency).document(
                thaiDigits: Digits.requested(by: request)
            ).docx(), context: context,
            action: .measuresFollowUpDownloaded, year: plan.fiscalYear,
            name: (ascii: "follow-up-\(plan.fiscalYear)", thai: "รายงานผลตามมาตรการ-\(plan.fiscalYear)"))
    }

    /// The years a plan may have: one after a year a round or results could have.
    static let years = (RoundSettings.fiscalYears.lowerBound + 1)...RoundSettings.fiscalYears.upperBound

    /// The path year's stored plan; a 404 page saying there is none yet otherwise.
    private func storedPlan(_ context: AgencyContext) async throws -> MeasuresPlan {
        let year = try context.pathYear(in: Self.years)
        guard let plan = try await database.measuresPlan(agencyId: context.agency.id, year: year) else {
            throw PageError(
                .notFound,
                MessagePage(
                    heading: LocalizedText(th: "ยังไม่มีมาตรการของปีนี้", en: "No measures plan yet"),
                    text: LocalizedText(
                        th: "ยังไม่ได้จัดทำมาตรการของปีงบประมาณ \(year) กรุณาร่างหรือบันทึกมาตรการก่อน",
                        en: "There is no measures plan for fiscal year \(year) yet; draft or save one first.")))
        }
        return plan
    }

    /// The analysis a draft of the plan after `year` reads: the official results of `year` when entered, else the
    /// agency's own round of `year` as released. The console shows only what each form's release may show (closed
    /// periods of at least k answers), as the report page does; `prongsai measures --draft` on the server uses every
    /// answer, as `prongsai report` does.
    private func analysis(_ agency: Agency, year: Int) async throws -> AnalysisReport? {
        if let official = try await database.officialResults(agencyId: agency.id, year: year) {
            let instruments = [FormKind.iit, .eit].compactMap { catalog.instrument($0, year: year) }
            return AnalysisReport(official: official, instruments: instruments)
        }
        guard let round = try await database.round(agencyId: agency.id, year: year) else { return nil }
        return AnalysisReport(round: try await releases.release(of: round).result)
    }

    /// Where a draft would come from, in words; nil when the year has neither.
    private func draftSource(_ agency: Agency, year: Int) async throws -> String? {
        if try await database.officialResults(agencyId: agency.id, year: year) != nil {
            return MeasuresPlan.Basis(year: year, source: .official).thai
        }
        guard try await database.round(agencyId: agency.id, year: year) != nil else { return nil }
        return MeasuresPlan.Basis(year: year, source: .ownRound).thai + " (เฉพาะคำตอบที่เปิดเผยได้)"
    }

    private func page(
        _ context: AgencyContext, year: Int, stored: MeasuresPlan?, typed: MeasuresPlan.Typed,
        notice: MeasuresView.Notice?, problems: [ValidationProblem], status: HTTPResponse.Status
    ) async throws -> Response {
        let view = MeasuresView(
            frame: context.signedIn.frame, agency: context.agency, year: year, stored: stored, typed: typed,
            draftSource: try await draftSource(context.agency, year: year - 1), notice: notice, problems: problems)
        return HTML.page(pages.render(.measures, view), status: status)
    }

    /// A DOCX as an attachment named in ASCII and, for browsers that read it, in Thai; the download is audited
    /// unless only its headers were asked for.
    private func download(
        _ bytes: [UInt8], context: AgencyContext, action: AuditAction, year: Int, name: (ascii: String, thai: String)
    ) async throws -> Response {
        if !context.isHead {
            try await database.audit(
                AuditEntry(
                    context.admin.username, action, agency: context.agency.slug, detail: String(year), at: clock.now))
        }
        let slug = context.agency.slug
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                .contentDisposition: HTML.attachment(ascii: "\(slug)-\(name.ascii).docx", thai: "\(name.thai).docx"),
                .cacheControl: "no-store",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
