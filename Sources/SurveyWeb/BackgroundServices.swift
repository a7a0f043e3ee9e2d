import Logging
import ServiceLifecycle
import SurveyCore
import SurveyStore

/// Runs beside the server and, every second, erases what the database files say about the order of recent
/// writes (see `AppDatabase.eraseWriteOrder`); once more when the server stops.
struct WriteOrderService: Service {
    let database: AppDatabase

    func run() async throws {
        await cancelWhenGracefulShutdown { await database.eraseWriteOrderContinually() }
    }
}

/// Forgets spent form tokens and ballots once they can no longer be sent: at start and every six hours.
struct SpentTokenService: Service {
    let database: AppDatabase
    let clock: WallClock
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await database.forgetSpentTokens(before: clock.today.adding(days: -(FormTokens.validDays + 1)))
                } catch {
                    // Kept tokens only take room; the next pass tries again.
                    logger.error("could not forget spent tokens: \(String(reflecting: error))")
                }
                try? await Task.sleep(for: .seconds(6 * 3600))
            }
        }
    }
}
