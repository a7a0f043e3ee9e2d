import SurveyCore
import SurveyStore
import Synchronization

/// The survey form pages: rendered once per agency, round, instrument and language with a slot for the token,
/// and then served as the same bytes to every visitor but the token. A page depends on nothing else, so nothing
/// a visitor sends can change what the next visitor gets.
final class FormPages: Sendable {
    /// Everything a cached form page depends on.
    private struct Key: Hashable {
        let slug: String
        let agencyName: String
        let roundId: Int64
        let instrument: String
        let form: FormKind
        let language: Language
    }

    private let pages: Pages
    private let cache = Mutex<[Key: SlottedPage]>([:])

    init(pages: Pages) {
        self.pages = pages
    }

    /// The blank form page of an agency's round, from the cache.
    func page(agency: Agency, round: Round, instrument: Instrument, language: Language) -> SlottedPage {
        let key = Key(
            slug: agency.slug, agencyName: agency.name(english: language == .en), roundId: round.id,
            instrument: instrument.version, form: instrument.form, language: language)
        if let page = cache.withLock({ $0[key] }) { return page }
        let page = render(agency: agency, instrument: instrument, language: language)
        cache.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[key] = page
        }
        return page
    }

    /// The form page with a previous attempt's answers and problems.
    func render(
        agency: Agency, instrument: Instrument, language: Language, answers: [String: String] = [:],
        problems: [ValidationProblem] = []
    ) -> SlottedPage {
        SlottedPage(
            pages.render(
                .form,
                FormView(
                    instrument: instrument, agency: agency.name(english: language == .en),
                    url: .form(agency.slug, instrument.form), language: language, answers: answers,
                    problems: problems)))
    }
}
