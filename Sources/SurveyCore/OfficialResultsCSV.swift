/// The `id,score,note` format of official results, for `prongsai official` files and for the rows pasted into the
/// console. A row is an indicator (`1`–`10`), an item (`i1`–`i30`, `e1`–`e15`, `O1`–`O60`), the published `total`,
/// or, with an empty id and an empty score, a note about the whole result. Values with commas or quotes are quoted
/// as in any CSV; a note may be left off a row.
public enum OfficialResultsCSV {
    public static let header = ["id", "score", "note"]

    /// The rows that could be read and the problems of those that could not.
    public struct Reading: Sendable, Hashable {
        public let entries: [OfficialResults.Entry]
        public let problems: [OfficialProblem]
    }

    /// The results of a file, which starts with the header `id,score,note` (after an optional byte-order mark), or
    /// every problem of every line, each with its number (the header is line 1).
    public static func results(file text: String, fiscalYear: Int, levels: String = "")
        -> Result<OfficialResults, OfficialFailure>
    {
        let reading = read(file: text)
        return OfficialResults.Draft(fiscalYear: fiscalYear, entries: reading.entries, levels: levels)
            .validated(after: reading.problems)
    }

    /// The rows of a file that starts with the header.
    public static func read(file text: String) -> Reading {
        read(text, headerRequired: true)
    }

    /// The rows pasted into the console, with or without the header; lines are numbered from the first pasted.
    public static func read(pasted text: String) -> Reading {
        read(text, headerRequired: false)
    }

    /// Rows as lines of text, for showing them back in the console or writing a file that reads back the same;
    /// values are quoted only where CSV needs it, so a note reads as it was typed.
    public static func text(_ rows: [OfficialRow]) -> String {
        rows.map { row in
            row.values.map { value in
                guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
                    return value
                }
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }.joined(separator: ",") + "\n"
        }.joined()
    }

    private static func read(_ text: String, headerRequired: Bool) -> Reading {
        var records = CSVRecords(text.hasPrefix(InterchangeCSV.byteOrderMark) ? String(text.dropFirst()) : text)
        var entries: [OfficialResults.Entry] = []
        var problems: [OfficialProblem] = []
        func problem(_ line: Int, _ th: String, _ en: String) {
            problems.append(OfficialProblem(source: .line(line), message: LocalizedText(th: th, en: en)))
        }
        var first = true
        do {
            while let (line, values) = try records.next() {
                defer { first = false }
                if first && (headerRequired || values == header) {
                    if values != header {
                        problem(
                            line, "บรรทัดแรกต้องเป็นหัวตาราง id,score,note",
                            "The first line must be the header id,score,note.")
                        break
                    }
                    continue
                }
                if values.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
                guard (2...3).contains(values.count) else {
                    problem(
                        line, "มี \(values.count) ค่า ต้องมี id,score,note (ใส่หมายเหตุที่มีจุลภาคในเครื่องหมายคำพูด)",
                        "has \(values.count) values where id,score,note are expected (quote a note that has commas).")
                    continue
                }
                entries.append(
                    OfficialResults.Entry(
                        source: .line(line), id: values[0], score: values[1], note: values.count > 2 ? values[2] : ""))
                if entries.count > OfficialResults.rowLimit { break }
            }
        } catch {
            problem(error.line, "เครื่องหมายคำพูดไม่ปิด", "A quoted value is never closed.")
        }
        if first && headerRequired {
            problem(1, "ไฟล์ว่าง ต้องขึ้นต้นด้วยหัวตาราง id,score,note", "The file is empty; it starts with id,score,note.")
        }
        return Reading(entries: entries, problems: problems)
    }
}
