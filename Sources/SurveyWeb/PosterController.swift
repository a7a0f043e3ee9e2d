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
        guard let (agency, form) = try await site.agencyAndForm(context) else {
            return site.messageResponse(.notFound, status: .notFound)
        }
        let images = try site.qrImages(for: site.publicAddress("/\(agency.slug)/\(form.rawValue)"))
        return Response(
            status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=86400"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: images.svg)))
    }

    @Sendable func png(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (agency, form) = try await site.agencyAndForm(context) else {
            return site.messageResponse(.notFound, status: .notFound)
        }
        let images = try site.qrImages(for: site.publicAddress("/\(agency.slug)/\(form.rawValue)"))
        return Response(
            status: .ok, headers: [.contentType: "image/png", .cacheControl: "public, max-age=86400"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: images.png)))
    }

    @Sendable func poster(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let (agency, form) = try await site.agencyAndForm(context) else {
            return site.messageResponse(.notFound, status: .notFound)
        }
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

    /// A page of cut-out slips, each with a fresh IIT access code and its QR code.
    ///
    /// Minting codes is an operator's act: until the admin console exists, only the server's own machine may.
    private func slips(
        _ request: Request, context: AppRequestContext, agency: Agency, form: FormKind, path: String
    ) async throws -> Response {
        guard context.isLoopback else {
            return site.messageResponse(
                MessagePage(
                    heading: LocalizedText(th: "พิมพ์บัตรรหัสได้จากเครื่องแม่ข่ายเท่านั้น", en: "Slips print on the server only"),
                    text: LocalizedText(
                        th: "บัตรรหัสสำหรับบุคลากรพิมพ์ได้จากเครื่องที่ติดตั้งระบบ หรือใช้คำสั่ง prongsai codes",
                        en: "Code slips can be printed from the server machine itself, or with `prongsai codes`.")),
                status: .forbidden)
        }
        guard form == .iit, let round = try await site.database.currentRound(agencyId: agency.id!, on: .today),
            round.iitCodes
        else {
            return site.messageResponse(
                MessagePage(
                    heading: LocalizedText(th: "รอบนี้ไม่ใช้รหัสผู้ตอบ", en: "This round uses no access codes"),
                    text: LocalizedText(
                        th: "เปิดรอบด้วยตัวเลือก --iit-codes เพื่อใช้บัตรรหัสสำหรับบุคลากร",
                        en: "Open the round with --iit-codes to use code slips for staff.")),
                status: .notFound)
        }
        let count = min(max(Int(request.uri.queryParameters["count"] ?? "") ?? 10, 1), 40)
        let codes = try await site.database.createAccessCodes(roundId: round.id!, count: count)
        let slips = try codes.map { code in
            let address = site.publicAddress("\(path)?code=\(code)")
            return SlipsView.Slip(code: code, qrSVG: try QRCode(text: address).svg())
        }
        let view = SlipsView(
            pageTitle: "บัตรรหัส IIT — \(agency.nameTh)", agencyName: agency.nameTh,
            address: site.publicAddress(path), slips: slips)
        return HTML.page(site.render("slips", view))
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
