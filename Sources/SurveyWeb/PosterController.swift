import Hummingbird
import NIOCore
import QRCode
import SurveyCore
import SurveyStore

/// QR codes of the form addresses and the printable counter posters and code slips.
struct PosterController: Sendable {
    let site: Site

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(":agency/:form/qr.svg", use: svg)
        router.get(":agency/:form/qr.png", use: png)
        router.get(":agency/:form/poster", use: poster)
    }

    @Sendable func svg(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await image(context, type: "image/svg+xml") { ByteBuffer(string: $0.svg) }
    }

    @Sendable func png(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await image(context, type: "image/png") { ByteBuffer(bytes: $0.png) }
    }

    /// The QR code of the form's public address, encoded once and cached by the browser for a day.
    private func image(_ context: AppRequestContext, type: String, body: (QRImages) -> ByteBuffer) async throws
        -> Response
    {
        guard let (listing, form) = try await site.listingAndForm(context) else {
            return site.messageResponse(.notFound, status: .notFound)
        }
        let images = try site.qrImages(for: site.publicAddress("/\(listing.agency.slug)/\(form.rawValue)"))
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=86400"],
            body: ResponseBody(byteBuffer: body(images)))
    }

    @Sendable func poster(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (listing, form) = try await site.listingAndForm(context) else {
            return site.messageResponse(.notFound, status: .notFound)
        }
        let agency = listing.agency
        let path = "/\(agency.slug)/\(form.rawValue)"
        if request.uri.queryParameters["slips"] == "1" {
            return try await slips(request, context: context, agency: agency, form: form, path: path)
        }
        let address = site.publicAddress(path)
        let view = PosterView(
            pageTitle: "โปสเตอร์ \(form.rawValue.uppercased()) — \(agency.nameTh)", agencyName: agency.nameTh,
            agencyNameEn: agency.nameEn, isIIT: form == .iit, qrSVG: try site.qrImages(for: address).svg,
            address: address.replacingOccurrences(of: "https://", with: "").replacingOccurrences(
                of: "http://", with: ""))
        return HTML.page(site.render("poster", view))
    }

    /// Slips with access codes are made and printed from the admin console, which checks who asks and logs it.
    private func slips(
        _ request: Request, context: AppRequestContext, agency: Agency, form: FormKind, path: String
    ) async throws -> Response {
        guard form == .iit, let round = try await site.listing(slug: agency.slug)?.currentRound(on: .today) else {
            return site.messageResponse(.notFound, status: .notFound)
        }
        return HTML.redirect(to: "/admin/\(agency.slug)/\(round.fiscalYear)/codes")
    }
}

extension Site {
    /// A page of cut-out slips, each with an access code to type and the QR of the IIT address; the code is
    /// never in the QR or an address, where it would stay in the phone's history.
    func slipsPage(agency: Agency, codes: [String]) throws -> Response {
        let path = "/\(agency.slug)/iit"
        let qr = try qrImages(for: publicAddress(path)).svg
        let slips = codes.map { SlipsView.Slip(code: $0, qrSVG: qr) }
        let view = SlipsView(
            pageTitle: "บัตรรหัส IIT — \(agency.nameTh)", agencyName: agency.nameTh, address: publicAddress(path),
            slips: slips)
        return HTML.page(render("slips", view))
    }
}

/// The counter poster's view model.
struct PosterView: Sendable {
    let pageTitle: String
    let agencyName: String
    let agencyNameEn: String
    let isIIT: Bool
    let qrSVG: String
    let address: String
}

/// The code slips page's view model.
struct SlipsView: Sendable {
    let pageTitle: String
    let agencyName: String
    let address: String
    let slips: [Slip]

    /// One slip: a code and the QR of the form address carrying it.
    struct Slip: Sendable {
        let code: String
        let qrSVG: String
    }
}
