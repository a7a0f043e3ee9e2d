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

/// Deletes admin sessions idle past their limit, which no request can use any more: at start and every ten
/// minutes (and at each login).
struct SessionPurgeService: Service {
    let database: AppDatabase
    let clock: WallClock
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await database.endIdleSessions(idleLimit: AdminSession.idleLimit, now: clock.now)
                } catch {
                    // An idle session is refused whether or not its row is gone; the next pass tries again.
                    logger.warning("could not delete idle sessions: \(String(reflecting: error))")
                }
                try? await Task.sleep(for: .seconds(600))
            }
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
                await write(loginAudit.summary(endedBy: clock.now))
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
