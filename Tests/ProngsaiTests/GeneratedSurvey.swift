import Foundation

/// Random interchange CSV rows plus an independent, row-by-row computation of what their scores must be.
///
/// The hand computation knows the answer types of the default instruments from its own table, not from
/// the code under test.
struct GeneratedSurvey: Sendable {
    /// Field id → (item id, indicator, how a code scores).
    let fields: [(id: String, item: String, indicator: Int, points: Points)]
    let rows: [[String: String]]
    let columns: [String]

    init(seed: UInt64, iitCount: Int, eitCount: Int) {
        var state = seed
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        fields = Self.table()
        columns = ["form", "day", "gender", "age", "education", "contact"] + fields.map(\.id)
        var rows: [[String: String]] = []
        for form in Array(repeating: "iit", count: iitCount) + Array(repeating: "eit", count: eitCount) {
            var row = ["form": form, "day": String(format: "2026-11-%02d", 1 + random(20))]
            row["gender"] = ["male", "female", "other"][random(3)]
            row["age"] = ["lt20", "20-30", "31-40", "41-50", "51-60", "gt60"][random(6)]
            row["education"] = ["primary", "secondary", "diploma", "bachelor", "postgrad", "other"][random(6)]
            if form == "eit" { row["contact"] = ["public", "government", "business", "other"][random(4)] }
            for field in fields where field.id.first == form.first {
                let yesNo = ["i4", "i5", "i6", "i26", "e4", "e8", "e10"].contains(field.item)
                row[field.id] = yesNo ? ["yes", "no"][random(2)] : String(1 + random(4))
            }
            rows.append(row)
        }
        self.rows = rows
    }

    var csv: String {
        ([columns.joined(separator: ",")] + rows.map { row in columns.map { row[$0] ?? "" }.joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }

    func count(form: String, _ dimension: String, _ code: String, gender: String) -> Int {
        rows.filter { $0["form"] == form && $0[dimension] == code && $0["gender"] == gender }.count
    }

    /// Scores computed the long way: each respondent's item score, then means.
    func handScores(oit: Double) -> (
        items: [String: Double], indicators: [Int: Double], iit: Double, eit: Double, total: Double
    ) {
        var items: [String: Double] = [:]
        var itemIndicator: [String: Int] = [:]
        for item in Set(fields.map(\.item)) {
            let subs = fields.filter { $0.item == item }
            let respondents = rows.filter { $0["form"]!.first == item.first }
            let perRespondent = respondents.map { row in
                subs.map { $0.points(row[$0.id]!) }.reduce(0, +) / Double(subs.count)
            }
            items[item] = perRespondent.reduce(0, +) / Double(perRespondent.count)
            itemIndicator[item] = subs[0].indicator
        }
        var indicators: [Int: Double] = [:]
        for number in 1...8 {
            let scores = items.filter { itemIndicator[$0.key] == number }.map(\.value)
            indicators[number] = scores.reduce(0, +) / Double(scores.count)
        }
        let iit = (1...5).map { indicators[$0]! }.reduce(0, +) / 5
        let eit = (6...8).map { indicators[$0]! }.reduce(0, +) / 3
        return (items, indicators, iit, eit, 0.3 * iit + 0.3 * eit + 0.4 * oit)
    }

    /// The default instruments' fields and answer types, written out from the domain notes.
    private static func table() -> [(id: String, item: String, indicator: Int, points: Points)] {
        let (scale, reverse, goodNo, goodYes) = (Points.scale, Points.reverse, Points.goodNo, Points.goodYes)
        let iitTypes: [Int: (String, Points)] = [
            1: ("ab", scale), 2: ("", scale), 3: ("abc", scale), 4: ("abc", goodNo), 5: ("abc", goodNo),
            6: ("abc", goodNo), 7: ("", scale), 8: ("ab", scale), 9: ("", reverse), 10: ("", reverse),
            12: ("abc", scale), 13: ("", scale), 14: ("", scale), 15: ("", scale), 16: ("", reverse),
            17: ("", reverse), 18: ("abc", reverse), 19: ("", reverse), 20: ("", scale), 21: ("", scale),
            22: ("", reverse), 23: ("", scale), 24: ("", scale), 25: ("", scale), 26: ("ab", goodYes),
            27: ("", scale), 28: ("abc", scale), 29: ("", scale), 30: ("abcd", scale),
        ]
        let eitTypes: [Int: (String, Points)] = [
            1: ("ab", scale), 2: ("", scale), 3: ("", scale), 4: ("abc", goodNo), 5: ("", scale), 6: ("ab", scale),
            7: ("", scale), 8: ("", goodYes), 9: ("", scale), 10: ("", goodYes), 11: ("", scale), 12: ("", scale),
            13: ("", scale), 14: ("", scale), 15: ("", scale),
        ]
        var fields: [(id: String, item: String, indicator: Int, points: Points)] = []
        for number in 1...30 {
            if number == 11 {
                fields.append(("i11a", "i11", 2, scale))
                fields.append(("i11b", "i11", 2, reverse))
                continue
            }
            let (subs, points) = iitTypes[number]!
            for sub in subs.isEmpty ? [""] : subs.map(String.init) {
                fields.append(("i\(number)\(sub)", "i\(number)", (number - 1) / 6 + 1, points))
            }
        }
        for number in 1...15 {
            let (subs, points) = eitTypes[number]!
            for sub in subs.isEmpty ? [""] : subs.map(String.init) {
                fields.append(("e\(number)\(sub)", "e\(number)", (number - 1) / 5 + 6, points))
            }
        }
        return fields
    }
}

/// How the hand computation scores a code.
enum Points: Sendable {
    case scale, reverse, goodNo, goodYes

    func callAsFunction(_ code: String) -> Double {
        switch self {
        case .scale: (Double(code)! - 1) * 100 / 3
        case .reverse: (4 - Double(code)!) * 100 / 3
        case .goodNo: code == "no" ? 100 : 0
        case .goodYes: code == "yes" ? 100 : 0
        }
    }
}
