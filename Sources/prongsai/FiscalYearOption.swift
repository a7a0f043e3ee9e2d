import ArgumentParser
import SurveyCore

/// Reads a `--year` as the console reads one: a Buddhist-era fiscal year written plainly, such as 2569.
func fiscalYearOption(_ text: String) throws -> Int {
    guard let year = RoundSettings.fiscalYear(written: text) else {
        throw ValidationError(
            "--year takes a Buddhist-era fiscal year written plainly, such as 2569"
                + " (ปีงบประมาณ พ.ศ. เช่น 2569), not “\(text.prefix(20))”")
    }
    return year
}
