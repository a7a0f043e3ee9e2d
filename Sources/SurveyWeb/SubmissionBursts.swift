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
        /// Answers per second of the last minute, oldest first: at most sixty entries, however many answers.
        var seconds: [(second: Int64, answers: Int)] = []
        var inBurst = false
        var days: [Day: Int] = [:]
    }

    private let state = Mutex<[Int64: RoundState]>([:])
    private let start = ContinuousClock.now

    /// Notes a stored answer of a round on its day.
    func noteStored(roundId: Int64, day: Day, now: ContinuousClock.Instant = .now) {
        let second = start.duration(to: now).components.seconds
        let windowSeconds = Self.window.components.seconds
        state.withLock { rounds in
            var round = rounds[roundId] ?? RoundState()
            round.seconds.removeAll { $0.second <= second - windowSeconds }
            if round.seconds.last?.second == second {
                round.seconds[round.seconds.count - 1].answers += 1
            } else {
                round.seconds.append((second, 1))
            }
            let recent = round.seconds.reduce(0) { $0 + $1.answers }
            if recent >= Self.threshold {
                // The answers that made the burst count too, once it is one.
                round.days[day, default: 0] += round.inBurst ? 1 : recent
                round.inBurst = true
            } else {
                round.inBurst = false
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
