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

/// Housekeeping that runs at start and then every `interval` until the server stops; a failed pass is logged and
/// the next one tries again.
struct PeriodicService: Service {
    let interval: Duration
    /// What the log line of a failed pass says was not done.
    let task: String
    let logger: Logger
    let work: @Sendable () async throws -> Void

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await work()
                } catch {
                    logger.warning("could not \(task): \(String(reflecting: error))")
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Forgets spent form tokens and ballots once they can no longer be sent; kept ones only take room.
    static func spentTokens(_ database: AppDatabase, clock: WallClock, logger: Logger) -> PeriodicService {
        PeriodicService(interval: .seconds(6 * 3600), task: "forget spent tokens", logger: logger) {
            try await database.forgetSpentTokens(before: clock.today.adding(days: -(FormTokens.validDays + 1)))
        }
    }

    /// Reports a failed write of the count file of acknowledged answers. Not at the moment it fails, which would
    /// date the answers of that commit in the log, but at most once every ten minutes.
    static func acknowledgedCount(_ database: AppDatabase, logger: Logger) -> PeriodicService {
        PeriodicService(
            interval: .seconds(600),
            task:
                "keep the count of acknowledged answers (until it is written again, a crash that loses answers goes unnoticed)",
            logger: logger
        ) { try database.checkAcknowledgedCount() }
    }

    /// Deletes admin sessions idle past their limit, which no request can use any more (logins delete them too).
    static func idleSessions(_ database: AppDatabase, clock: WallClock, logger: Logger) -> PeriodicService {
        PeriodicService(interval: .seconds(600), task: "delete idle sessions", logger: logger) {
            try await database.endIdleSessions(idleLimit: AdminSession.idleLimit, now: clock.now)
        }
    }
}

/// Writes the summary row of the failed and refused logins `LoginAudit` counted: each minute, for the minute
/// that is over, and once more when the server stops.
struct LoginAuditService: Service {
    let database: AppDatabase
    let loginAudit: LoginAudit
    let clock: WallClock
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(60))
                // A sleep cut short by the shutdown leaves the held minute to the last summary below.
                guard !Task.isCancelled else { break }
                let summary = loginAudit.summary(endedBy: clock.now)
                // Taken from the held minute, the summary must be written even if the shutdown comes meanwhile.
                await Task { await write(summary) }.value
            }
        }
        // The last summary is written in a task of its own: the service's may be cancelled by now, and the
        // database's async calls would refuse it.
        await Task { await write(loginAudit.summary(endedBy: nil)) }.value
    }

    private func write(_ summary: AuditEntry?) async {
        guard let summary else { return }
        do {
            try await database.audit(summary)
        } catch {
            // The counts are not kept for another try; the log line keeps them.
            logger.error("could not write the login summary \"\(summary.detail)\": \(String(reflecting: error))")
        }
    }
}
