import Hummingbird
import NIOCore
import SurveyCore
import SurveyStore

/// QR codes of the form addresses and the printable counter posters.
struct PosterController: Sendable {
    let directory: AgencyDirectory
    let catalog: InstrumentCatalog
    let pages: Pages
    let qrCodes: QRCodes
    let publicURL: PublicURL

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(Route.qrSVG.pattern, use: svg)
        router.get(Route.qrPNG.pattern, use: png)
        router.get(Route.poster.pattern, use: poster)
    }

    @Sendable func svg(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await image(context, type: "image/svg+xml") { ByteBuffer(string: $0.svg) }
    }

    @Sendable func png(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await image(context, type: "image/png") { ByteBuffer(bytes: $0.png) }
    }

    /// The agency and form of the path, unless the agency is unknown or archived: an archived agency's poster and
    /// QR code are not found, so that no new print leads to a form that says it is closed.
    private func shownListingAndForm(_ context: AppRequestContext) async throws -> (AgencyListing, FormKind) {
        guard let (listing, form) = try await directory.listingAndForm(context.parameters), !listing.agency.archived
        else { throw PageError.notFound }
        return (listing, form)
    }

    /// The QR code of the form's public address, encoded once and cached by the browser for a day.
    private func image(_ context: AppRequestContext, type: String, body: (QRImages) -> ByteBuffer) async throws
        -> Response
    {
        let (listing, form) = try await shownListingAndForm(context)
        let images = try qrCodes.images(for: publicURL.address(.form(listing.agency.slug, form)))
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=86400"],
            body: ResponseBody(byteBuffer: body(images)))
    }

    @Sendable func poster(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (listing, form) = try await shownListingAndForm(context)
        let agency = listing.agency
        // Slips with access codes are made and printed from the admin console, which checks who asks and logs it.
        if request.uri.queryParameters["slips"] == "1" {
            guard let round = listing.current?.round else { throw PageError.notFound }
            return HTML.redirect(to: SiteURL.codes(agency.slug, round.fiscalYear).path)
        }
        let address = publicURL.address(.form(agency.slug, form))
        let codes = listing.current.map { $0.round.settings.usesCodes(form) } ?? false
        let instrument =
            listing.current.flatMap { catalog.instrument(form, version: $0.round.instrumentVersion(form)) }
            ?? catalog.instruments.last { $0.form == form }
        let view = PosterView(
            pageTitle: "โปสเตอร์ \(form.rawValue.uppercased()) — \(agency.nameTh)", agencyName: agency.nameTh,
            agencyNameEn: agency.nameEn, isIIT: form == .iit,
            slip: codes
                ? (form == .iit
                    ? "ใช้รหัสจากบัตรที่ได้รับจากผู้ประสานงาน บัตรละหนึ่งคน"
                    : "ขอรับบัตรรหัสจากเจ้าหน้าที่เมื่อรับบริการเสร็จ บัตรหนึ่งใบตอบได้หนึ่งครั้ง") : nil,
            minutes: instrument?.overview.minutes ?? 0,
            qrSVG: try qrCodes.images(for: address).svg,
            address: address.replacingOccurrences(of: "https://", with: "").replacingOccurrences(
                of: "http://", with: ""))
        return HTML.page(pages.render(.poster, view))
    }
}

/// The counter poster's view model.
struct PosterView: Sendable {
    let styles = Stylesheets()
    let t = UIStrings.thai
    let pageTitle: String
    let agencyName: String
    let agencyNameEn: String
    let isIIT: Bool
    /// Where the one-time code comes from, when the form asks for one.
    let slip: String?
    /// About how long the form takes, from its instrument.
    let minutes: Int
    let qrSVG: String
    let address: String
}
