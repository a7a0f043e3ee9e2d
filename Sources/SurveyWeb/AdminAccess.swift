import Foundation
import Hummingbird
import SurveyCore
import SurveyStore

/// A response that ends a request early: a redirect to the login, a refusal, a missing page.
struct PageResponse: Error {
    let response: Response
}

/// The frame every admin page shares: who is signed in and the CSRF token of their forms.
struct AdminFrame: Sendable {
    let adminName: String
    let managesAll: Bool
    let csrf: String
}

extension Site {
    /// The signed-in admin, or a redirect to the login page.
    func requireAdmin(_ context: AppRequestContext) throws -> Admin {
        guard let admin = context.admin else { throw PageResponse(response: HTML.redirect(to: "/admin/login")) }
        return admin
    }

    /// The signed-in admin of every agency, or a refusal.
    func requireAllAdmin(_ context: AppRequestContext) throws -> Admin {
        let admin = try requireAdmin(context)
        guard admin.managesAll else { throw PageResponse(response: forbidden()) }
        return admin
    }

    /// The agency of the `:agency` path if the signed-in admin manages it; 404 or 403 otherwise.
    func managedAgency(_ context: AppRequestContext) async throws -> (Admin, Agency) {
        let admin = try requireAdmin(context)
        guard let slug = context.parameters.get("agency"), let agency = try await database.agency(slug: slug) else {
            throw PageResponse(response: messageResponse(.notFound, status: .notFound))
        }
        guard admin.manages(agencyId: agency.id!) else { throw PageResponse(response: forbidden()) }
        return (admin, agency)
    }

    /// The agency and round of the `:agency/:year` path, checked as `managedAgency`.
    func managedRound(_ context: AppRequestContext) async throws -> (Admin, Agency, Round) {
        let (admin, agency) = try await managedAgency(context)
        guard let year = context.parameters.get("year", as: Int.self),
            let round = try await database.round(agencyId: agency.id!, year: year)
        else { throw PageResponse(response: messageResponse(.notFound, status: .notFound)) }
        return (admin, agency, round)
    }

    func frame(_ admin: Admin, _ context: AppRequestContext) -> AdminFrame {
        AdminFrame(adminName: admin.username, managesAll: admin.managesAll, csrf: csrfToken(context))
    }

    /// The line that names a round's digest and count, for the dashboard and the report.
    func digestLine(of round: Round) async throws -> String {
        let digest = try await database.digest(roundId: round.id!)
        return "ลายนิ้วมือข้อมูล (digest) ของคำตอบทั้ง \(digest.count) ชุด: \(digest.fingerprint)"
    }

    /// A round's result from its stored tallies, with the OIT score stored with it.
    func result(of round: Round) async throws -> AssessmentResult {
        let tallies = try await database.tallies(roundId: round.id!)
        guard let iit = catalog.instrument(.iit, version: round.iitInstrument),
            let eit = catalog.instrument(.eit, version: round.eitInstrument)
        else { throw PageResponse(response: messageResponse(.serverError, status: .internalServerError)) }
        return AssessmentResult(settings: round.settings(), iit: (tallies.iit, iit), eit: (tallies.eit, eit))
    }
}
