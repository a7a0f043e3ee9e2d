import Foundation
import Testing

@testable import SurveyStore

@Suite("Password checks: one at a time, a bounded queue, places kept for known browsers")
struct PasswordChecksTests {
    @Test("with every ordinary place held, an ordinary check is refused at once and a known browser's still runs")
    func knownDevicePlaces() async throws {
        let checks = PasswordChecks()
        try await withThrowingTaskGroup(of: Void.self) { holders in
            for _ in 0..<PasswordChecks.waitingLimit {
                holders.addTask {
                    _ = try await checks.holdingPlace(knownDevice: false) {
                        try? await Task.sleep(for: .seconds(30))
                    }
                }
            }
            var waited = 0
            while checks.hasRoom(knownDevice: false), waited < 500 {
                try await Task.sleep(for: .milliseconds(10))
                waited += 1
            }
            #expect(!checks.hasRoom(knownDevice: false) && checks.hasRoom(knownDevice: true))
            await #expect(throws: PasswordChecks.Busy.self) {
                try await checks.holdingPlace(knownDevice: false) { 1 }
            }
            #expect(try await checks.holdingPlace(knownDevice: true) { 2 } == 2)
            holders.cancelAll()
        }
        #expect(checks.hasRoom(knownDevice: false))
    }
}
