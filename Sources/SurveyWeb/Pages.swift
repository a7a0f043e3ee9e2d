import Foundation
import Mustache

/// The page templates under `WebForms/templates`.
enum Template: String, CaseIterable, Sendable {
    case home, form, code, message, poster, slips
    case adminHome = "admin-home"
    case adminLogin = "admin-login"
    case adminAdmins = "admin-admins"
    case adminPassword = "admin-password"
    case adminAudit = "admin-audit"
    case adminAgency = "admin-agency"
    case adminRound = "admin-round"
    case adminDashboard = "admin-dashboard"
    case adminCounter = "admin-counter"
    case adminCounterLink = "admin-counter-link"
    case adminReport = "admin-report"
    case adminCodes = "admin-codes"
    case adminOfficialLinks = "admin-official-links"
    case officialPoster = "official-poster"
    case adminOfficial = "admin-official"
    case measures = "admin-measures"
    case measuresFollowUp = "admin-follow-up"
    case measuresPrint = "measures-print"
    case followUpPrint = "follow-up-print"
    case adminImprovements = "admin-improvements"
}

/// A template that is missing from the templates folder, or that cannot serve its pages.
struct TemplateProblem: Error, CustomStringConvertible {
    let name: String
    let problem: String

    var description: String { "the template \(name).mustache \(problem)" }
}

/// Renders pages: every template and every partial it includes is found and compiled when the server starts,
/// so that no request can meet a missing one.
struct Pages: Sendable {
    private let library: MustacheLibrary
    private let templates: [Template: MustacheTemplate]

    init(directory: URL) async throws {
        let library = try await MustacheLibrary(directory: directory.path)
        var templates: [Template: MustacheTemplate] = [:]
        for template in Template.allCases {
            guard let compiled = library.getTemplate(named: template.rawValue) else {
                throw TemplateProblem(name: template.rawValue, problem: "is missing from \(directory.path)")
            }
            templates[template] = compiled
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path)
        where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /\{\{>\s*([A-Za-z0-9_-]+)\s*\}\}/)
            where library.getTemplate(named: String(match.output.1)) == nil {
                throw TemplateProblem(
                    name: String(match.output.1), problem: "is missing from \(directory.path) (\(file) includes it)")
            }
        }
        self.library = library
        self.templates = templates
    }

    /// The page of a template filled from a `Sendable` view model.
    func render(_ template: Template, _ context: some Sendable) -> String {
        templates[template]!.render(context, library: library)
    }
}
