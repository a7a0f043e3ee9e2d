import Crypto
import Foundation
import Mustache
import QRCode
import SurveyCore
import SurveyStore
import Synchronization

/// What every controller shares: the store, the instruments, the templates, the public address and the caches.
final class Site: Sendable {
    let database: AppDatabase
    let catalog: InstrumentCatalog
    let templates: MustacheLibrary
    let publicURL: String
    let tokens: FormTokens
    private let formPages = Mutex<[FormPageKey: SlottedPage]>([:])
    private let qrCodes = Mutex<[String: QRImages]>([:])

    init(database: AppDatabase, catalog: InstrumentCatalog, templates: MustacheLibrary, publicURL: String) async throws
    {
        self.database = database
        self.catalog = catalog
        self.templates = templates
        self.publicURL = publicURL
        self.tokens = FormTokens(key: try await database.secret())
    }

    /// Renders a template with a `Sendable` view model.
    func render(_ template: String, _ context: some Sendable) -> String {
        guard let html = templates.render(context, withTemplate: template) else {
            preconditionFailure("template \(template) is missing from WebForms/templates")
        }
        return html
    }

    /// A form page from the cache, rendering it the first time.
    func formPage(_ key: FormPageKey, render: () -> SlottedPage) -> SlottedPage {
        if let page = formPages.withLock({ $0[key] }) { return page }
        let page = render()
        formPages.withLock { $0[key] = page }
        return page
    }

    /// The QR images of a URL, encoded once.
    func qrImages(for url: String) throws -> QRImages {
        if let images = qrCodes.withLock({ $0[url] }) { return images }
        let code = try QRCode(text: url)
        let images = QRImages(svg: code.svg(title: url), png: code.png(scale: 10))
        qrCodes.withLock { $0[url] = images }
        return images
    }

    /// The public address of a path such as `/demo/eit`.
    func publicAddress(_ path: String) -> String {
        publicURL + path
    }
}

/// Which rendering of a form a cached page is.
struct FormPageKey: Hashable, Sendable {
    let roundId: Int64
    let form: FormKind
    let language: Language
    let needsCode: Bool
    let agencyName: String
}

/// A QR code as both image types.
struct QRImages: Sendable {
    let svg: String
    let png: [UInt8]
}
