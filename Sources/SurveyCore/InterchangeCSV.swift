import Foundation

/// The one CSV format for export, import and scoring: a `form,day,gender,age,education,contact` header,
/// then the field ids of one form or both, one row per response, codes as values.
public enum InterchangeCSV {
    public static let profileColumns = ["form", "day", "gender", "age", "education", "contact"]
    /// Written first so that spreadsheet programs read the file as UTF-8 and show Thai.
    public static let byteOrderMark = "\u{FEFF}"

    /// The header for files holding the given instruments' forms, IIT's fields before EIT's.
    public static func columns(for instruments: [Instrument]) -> [String] {
        profileColumns + instruments.sorted { $0.form < $1.form }.flatMap { $0.fields.map(\.id) }
    }

    /// One response's values in the order of `columns`; fields of the other form stay empty.
    public static func values(of response: Response, columns: [String]) -> [String] {
        columns.map { column in
            switch column {
            case "form": response.form.rawValue
            case "day": response.day.description
            default:
                ProfileDimension(rawValue: column).map { response.profile[$0] ?? "" } ?? response.answers[column] ?? ""
            }
        }
    }

    /// One CSV line ending in CRLF, quoting values that need it. A value that a spreadsheet would take for a
    /// formula (it begins with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so that it
    /// shows as the text it is.
    public static func line(_ values: [String]) -> String {
        values.map { raw in
            let value = raw.first.map { "=+-@\t\r".contains($0) } == true ? "'" + raw : raw
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }

    /// Reads a file, checking every row against the instrument of its form; the first bad row stops it.
    public static func read(_ text: String, instruments: [FormKind: Instrument]) throws(CSVError) -> [Response] {
        var records = CSVRecords(text.hasPrefix(byteOrderMark) ? String(text.dropFirst()) : text)
        guard let (_, header) = try records.next() else { throw CSVError(line: 1, message: "the file is empty") }
        let index = try headerIndex(header, instruments: instruments)
        var responses: [Response] = []
        while let (lineNumber, values) = try records.next() {
            if values == [""] { continue }
            responses.append(
                try response(values, line: lineNumber, index: index, header: header, instruments: instruments))
        }
        return responses
    }

    private static func headerIndex(_ header: [String], instruments: [FormKind: Instrument]) throws(CSVError)
        -> [String: Int]
    {
        let known = Set(profileColumns + instruments.values.flatMap { $0.fields.map(\.id) })
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() {
            guard known.contains(name) else {
                throw CSVError(line: 1, message: "unknown column “\(name)” / ไม่รู้จักคอลัมน์ “\(name)”")
            }
            guard index.updateValue(position, forKey: name) == nil else {
                throw CSVError(line: 1, message: "column “\(name)” appears twice / คอลัมน์ “\(name)” ซ้ำ")
            }
        }
        for column in profileColumns where column != "contact" && index[column] == nil {
            throw CSVError(line: 1, message: "column “\(column)” is missing / ไม่มีคอลัมน์ “\(column)”")
        }
        return index
    }

    private static func response(
        _ values: [String], line: Int, index: [String: Int], header: [String], instruments: [FormKind: Instrument]
    ) throws(CSVError) -> Response {
        guard values.count == header.count else {
            throw CSVError(
                line: line,
                message: "has \(values.count) values, the header has \(header.count) / "
                    + "มี \(values.count) ค่า แต่หัวตารางมี \(header.count) คอลัมน์")
        }
        let formText = values[index["form"]!]
        guard let form = FormKind(rawValue: formText), let instrument = instruments[form] else {
            throw CSVError(line: line, message: "form “\(formText)” must be iit or eit / แบบวัดต้องเป็น iit หรือ eit")
        }
        let dayText = values[index["day"]!]
        guard let day = Day(dayText) else {
            throw CSVError(
                line: line, message: "day “\(dayText)” is not a YYYY-MM-DD date / วันที่ต้องอยู่ในรูป YYYY-MM-DD")
        }
        let ownColumns = Set(form.profileDimensions.map(\.rawValue) + instrument.fields.map(\.id))
        for (name, position) in index where !profileColumns.prefix(2).contains(name) && !ownColumns.contains(name) {
            guard values[position].isEmpty else {
                throw CSVError(
                    line: line,
                    message: "\(name) must be empty on a \(form.rawValue) row / แถว \(form.rawValue) ต้องเว้นว่าง \(name)")
            }
        }
        for field in instrument.fields where index[field.id] == nil {
            throw CSVError(line: line, message: "column “\(field.id)” is missing / ไม่มีคอลัมน์ “\(field.id)”")
        }
        var fields: [String: String] = [:]
        for name in ownColumns { fields[name] = index[name].map { values[$0] } ?? "" }
        switch instrument.validate(fields, day: day, allowsBlankProfile: true) {
        case .success(let response):
            return response
        case .failure(let failure):
            let problem = failure.problems[0]
            throw CSVError(line: line, message: "\(problem.field): \(problem.message.en) / \(problem.message.th)")
        }
    }
}

/// A row of the interchange CSV that cannot be read, with its line number.
public struct CSVError: Error, CustomStringConvertible, Equatable {
    public let line: Int
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line) / บรรทัด \(line): \(message)" }
}

/// Splits CSV text (RFC 4180 quoting, LF or CRLF) into records, each with the line it starts on.
struct CSVRecords {
    private var scalars: String.UnicodeScalarView.Iterator
    private var pending: Unicode.Scalar?
    private var line = 1
    private var finished = false

    init(_ text: String) {
        scalars = text.unicodeScalars.makeIterator()
    }

    private mutating func nextScalar() -> Unicode.Scalar? {
        if let scalar = pending {
            pending = nil
            return scalar
        }
        return scalars.next()
    }

    /// The next record, or nil at the end of the text.
    mutating func next() throws(CSVError) -> (line: Int, values: [String])? {
        guard !finished else { return nil }
        let start = line
        var values: [String] = []
        var value = String.UnicodeScalarView()
        var quoted = false
        var sawAnything = false
        while let scalar = nextScalar() {
            sawAnything = true
            if quoted {
                if scalar == "\"" {
                    if let following = nextScalar() {
                        if following == "\"" {
                            value.append("\"")
                        } else {
                            quoted = false
                            pending = following
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    value.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where value.isEmpty:
                quoted = true
            case ",":
                values.append(String(value))
                value = String.UnicodeScalarView()
            case "\r":
                continue
            case "\n":
                line += 1
                values.append(String(value))
                return (start, values)
            default:
                value.append(scalar)
            }
        }
        finished = true
        if quoted { throw CSVError(line: start, message: "a quoted value is never closed / เครื่องหมายคำพูดไม่ปิด") }
        guard sawAnything else { return nil }
        values.append(String(value))
        return (start, values)
    }
}
