import Hummingbird
import SurveyCore
import SurveyStore
import Synchronization

/// The agencies and their rounds as the public pages need them, from memory while fresh, so that a form view
/// needs no database read. A change made in this process (the console) shows at once, since the database counts
/// them; one made by the command line shows within `lifetime`.
final class AgencyDirectory: Sendable {
    private struct Entry {
        let listing: AgencyListing
        let loaded: ContinuousClock.Instant
        let generation: Int
    }

    private let database: AppDatabase
    private let clock: WallClock
    private let entries = Mutex<[String: Entry]>([:])
    /// How long a listing is served from memory.
    static let lifetime = Duration.seconds(2)

    init(database: AppDatabase, clock: WallClock) {
        self.database = database
        self.clock = clock
    }

    /// An agency and its rounds.
    func listing(slug: String) async throws -> AgencyListing? {
        let now = ContinuousClock.now
        let generation = database.changes.value
        if let entry = entries.withLock({ $0[slug] }), entry.generation == generation,
            entry.loaded.duration(to: now) < Self.lifetime, entry.listing.loadedOn == clock.today
        {
            return entry.listing
        }
        guard let agency = try await database.agency(slug: slug) else { return nil }
        let listing = AgencyListing(
            agency: agency, rounds: try await database.rounds(agencyId: agency.id), today: clock.today)
        entries.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[slug] = Entry(listing: listing, loaded: now, generation: generation)
        }
        return listing
    }

    /// The agency (with its rounds) and the form named by a `/{agency}/{form}` path, if both exist.
    func listingAndForm(_ parameters: Parameters) async throws -> (AgencyListing, FormKind)? {
        guard let slug = parameters.get(Route.Parameter.agency),
            let form = parameters.get(Route.Parameter.form, as: FormKind.self),
            let listing = try await listing(slug: slug)
        else { return nil }
        return (listing, form)
    }
}

/// An agency and the round its forms serve on the day it was loaded.
struct AgencyListing: Sendable {
    let agency: Agency
    let loadedOn: Day
    /// The round the forms serve and where it stands; none for an archived agency.
    let current: (round: Round, status: RoundStatus)?

    init(agency: Agency, rounds: [Round], today: Day) {
        self.agency = agency
        loadedOn = today
        current = agency.archived ? nil : Round.current(among: rounds, on: today).map { ($0, $0.status(on: today)) }
    }
}
