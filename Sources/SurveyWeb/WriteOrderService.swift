import ServiceLifecycle
import SurveyStore

/// Runs beside the server and, every second, erases what the database files say about the order of recent
/// writes (see `AppDatabase.eraseWriteOrder`); once more when the server stops.
struct WriteOrderService: Service {
    let database: AppDatabase

    func run() async throws {
        await cancelWhenGracefulShutdown { await database.eraseWriteOrderContinually() }
    }
}
