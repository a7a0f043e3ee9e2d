import Foundation
import SurveyCore
import Testing

@Suite("Days, Thai fiscal years and Buddhist-era dates")
struct DayTests {
    @Test("only real YYYY-MM-DD dates parse")
    func parsing() {
        #expect(Day("2024-02-29") != nil)
        for bad in ["2023-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026-01-01T00", "", "２０２６-01-01"] {
            #expect(Day(bad) == nil, "\(bad)")
        }
    }

    @Test("October starts the next fiscal year; Thai dates use the Buddhist era")
    func fiscalYear() {
        #expect(Day("2026-09-30")!.fiscalYear == 2569)
        #expect(Day("2026-10-01")!.fiscalYear == 2570)
        #expect(Day("2026-11-21")!.thai == "21 พ.ย. 2569")
    }

    @Test("day arithmetic crosses months, leap days and years")
    func arithmetic() {
        #expect(Day("2024-02-28")!.adding(days: 1) == Day("2024-02-29"))
        #expect(Day("2026-12-31")!.adding(days: 1) == Day("2027-01-01"))
        #expect(Day("2026-11-21")!.days(until: Day("2027-09-30")!) == 313)
        #expect(Day("2026-03-01")!.adding(days: -1) == Day("2026-02-28"))
    }

    @Test("an instant falls on the day it is in Thailand")
    func thaiDay() {
        // 2026-11-20 18:30 UTC is 21 November 01:30 in Bangkok.
        #expect(Day(Date(timeIntervalSince1970: 1_795_199_400)) == Day("2026-11-21"))
    }
}
