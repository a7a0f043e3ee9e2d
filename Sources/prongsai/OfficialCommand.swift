import ArgumentParser
import Foundation
import SurveyCore
import SurveyStore

/// `prongsai official SLUG --year Y FILE.csv`: stores a year's official results from an `id,score,note` file, all
/// rows or none, replacing those stored before.
struct OfficialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "official",
        abstract:
            "Store an agency's official ITA results of a fiscal year from an id,score,note CSV (all rows or none).",
        discussion: """
            Rows: an indicator 1–10, an item i1–i30, e1–e15 or O1–O60, the published total (for years whose documents \
            give only that), or a note about the whole result with an empty id and score (,,text). Importing again \
            replaces the year's results; --delete removes them.
            """)

    @Argument(help: "The agency's slug.")
    var slug: String

    @Argument(help: "The CSV file with the header id,score,note.")
    var file: String?

    @Option(help: "Fiscal year (พ.ศ.) of the results.", transform: fiscalYearOption)
    var year: Int

    @Option(help: "The level scheme, letters or pass (default: letters up to 2565, pass from 2566).")
    var levels: String?

    @Flag(help: "Delete the year's official results instead of storing a file.")
    var delete = false

    @OptionGroup var store: StoreOptions

    /// The largest file read: every row with a long note fits many times over.
    static let fileLimit = 512 * 1024

    func validate() throws {
        guard RoundSettings.fiscalYears.contains(year) else {
            throw ValidationError("--year takes a Buddhist-era year such as 2566")
        }
        if let levels, LevelScheme(token: levels) == nil { throw ValidationError("--levels takes letters or pass") }
        guard (file == nil) == delete else { throw ValidationError("give either a FILE to store or --delete") }
    }

    func run() async throws {
        guard let file else { return try await deleteResults() }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
            (attributes[.size] as? Int ?? 0) <= Self.fileLimit, let data = FileManager.default.contents(atPath: file)
        else {
            throw CommandFailure("cannot read \(file), or it is larger than \(Self.fileLimit / 1024) KB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("\(file) is not UTF-8 text / ไฟล์ต้องเป็นข้อความ UTF-8")
        }
        let results: OfficialResults
        switch OfficialResultsCSV.results(file: text, fiscalYear: year, levels: levels ?? "") {
        case .success(let checked): results = checked
        case .failure(let failure): throw CommandFailure("\(file): nothing stored\n\(failure)")
        }
        let database = try store.open()
        let agency = try await storeWork { try await database.requireAgency(slug: slug) }
        let replaced = try await storeWork {
            try await database.saveOfficialResults(results, agency: agency, by: "cli")
        }
        print("\(replaced ? "replaced" : "stored") the official results of \(slug) \(year)")
        print(results.table)
    }

    private func deleteResults() async throws {
        let database = try store.open()
        let agency = try await storeWork { try await database.requireAgency(slug: slug) }
        guard try await database.deleteOfficialResults(agency: agency, year: year, by: "cli") else {
            throw CommandFailure("\(slug) has no official results for fiscal year \(year)")
        }
        print("deleted the official results of \(slug) \(year)")
    }
}

extension OfficialResults {
    /// A readable Thai/English table: the ranked indicators, tools, total and level, items and notes.
    var table: String {
        var lines = [
            "ผลการประเมิน ITA อย่างเป็นทางการ ปีงบประมาณ พ.ศ. \(fiscalYear) / official ITA result, fiscal year \(fiscalYear)",
            "อันดับ / rank  คะแนน / score  ตัวชี้วัด / indicator",
        ]
        for ranked in ranking {
            lines.append(
                "  \(Self.pad(String(ranked.rank), 2))  \(Self.pad(ranked.score.formatted, 6))  "
                    + "\(ranked.indicator.number) \(ranked.indicator.name.th) (\(ranked.indicator.tool.code))")
        }
        for tool in ITATool.allCases {
            lines.append("  \(Self.pad(score(tool)?.formatted ?? "—", 10))  \(tool.code)")
        }
        if publishedTotal == nil {
            lines.append("  \(Self.pad(total?.formatted ?? "—", 10))  คะแนนรวม / total (IIT 30% + EIT 30% + OIT 40%)")
        } else {
            lines.append("  \(Self.pad(total?.formatted ?? "—", 10))  คะแนนรวมตามที่ประกาศ / the published total")
            if computedTotal == nil {
                lines.append("  (no indicator scores to compute it from)")
            } else if let apart = computedTotalApart {
                lines.append("  (the published indicators give \(apart.formatted); the NACC adds unrounded scores)")
            }
        }
        lines.append(
            "  ระดับผลการประเมิน / level: \(level?.name.bilingual ?? "—") · \(scheme.name.bilingual)")
        if let levelGap { lines.append("  \(levelGap.bilingual)") }
        if !itemScores.isEmpty {
            lines.append("คะแนนรายข้อ / item scores:")
            for id in itemScores.keys.sorted() {
                lines.append("  \(Self.pad(itemScores[id]!.formatted, 6))  \(id)")
            }
        }
        if !notes.isEmpty {
            lines.append("ข้อสังเกตของผู้ประเมิน / assessor's notes:")
            for note in notes { lines.append("  \(note.subject.map { "\($0): " } ?? "")\(note.text)") }
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
