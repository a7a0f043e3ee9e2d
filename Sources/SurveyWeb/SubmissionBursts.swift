import SurveyCore
import Synchronization

/// Notices answers that come in bursts no real crowd of phones makes (at least `threshold` to one round within a
/// minute), so that the dashboard can flag them as possibly forged. Kept in memory only; the times it holds are
/// the last minute's and are never written down. The dashboard shows a day's count once the day is over, as it
/// shows everything else, so that watching it says nothing of an answer sent just now.
final class SubmissionBursts: Sendable {
    /// Answers to one round within a minute from which on each is counted as part of a burst.
    static let threshold = 30
    static let window = Duration.seconds(60)

    private struct RoundState {
        var recent: [ContinuousClock.Instant] = []
        var days: [Day: Int] = [:]
    }

    private let state = Mutex<[Int64: RoundState]>([:])

    /// Notes a stored answer of a round on its day.
    func noteStored(roundId: Int64, day: Day, now: ContinuousClock.Instant = .now) {
        state.withLock { rounds in
            var round = rounds[roundId] ?? RoundState()
            round.recent.removeAll { $0.duration(to: now) > Self.window }
            round.recent.append(now)
            if round.recent.count >= Self.threshold {
                // The answers that made the burst count too, once it is one.
                round.days[day, default: 0] += round.recent.count == Self.threshold ? Self.threshold : 1
            }
            rounds[roundId] = round
        }
    }

    /// The days before `today` with answers that came in bursts, and how many, oldest first.
    func days(roundId: Int64, before today: Day) -> [(day: Day, answers: Int)] {
        state.withLock { rounds in
            (rounds[roundId]?.days ?? [:]).filter { $0.key < today }.sorted { $0.key < $1.key }.map {
                ($0.key, $0.value)
            }
        }
    }
}
