import Crypto
import Hummingbird
import NIOCore
import SurveyCore
import SurveyStore

/// Reads urlencoded request bodies: at most the body limit, arriving within the body deadline.
struct RequestBodies: Sendable {
    let deadlines: BodyDeadlines

    /// A request body, at most `limit` bytes (else `NIOTooManyBytesError`), arriving within the body deadline
    /// (else `BodyTimeout`), so that a slow sender cannot hold a request open.
    func body(_ request: Request, limit: Int = AppRequestContext.bodyLimit) async throws -> ByteBuffer {
        try await deadlines.collect(request, upTo: limit)
    }

    func values(_ request: Request, limit: Int = AppRequestContext.bodyLimit) async throws -> FormValues {
        FormValues(FormBody.parse(try await body(request, limit: limit)))
    }

    /// The values of an admin form whose CSRF token matches the session; a 403 page otherwise. Only a signed-in
    /// admin gets here, so these forms may be larger than the public ones.
    func checked(_ request: Request, _ signedIn: SignedIn) async throws -> FormValues {
        let values = try await values(request, limit: AppRequestContext.adminBodyLimit)
        guard values.raw["csrf"] == signedIn.csrf else { throw PageError.forbidden }
        return values
    }
}

/// The fields of a posted form.
struct FormValues: Sendable {
    let raw: [String: String]

    init(_ raw: [String: String]) {
        self.raw = raw
    }

    /// A field's value without surrounding spaces; empty when it was not sent.
    subscript(_ name: String) -> String {
        (raw[name] ?? "").trimmingCharacters(in: .whitespaces)
    }
}

/// The login form.
struct LoginForm: Sendable {
    let username: String
    let password: String
    let csrf: String

    init(_ values: FormValues) {
        username = values["username"].lowercased()
        password = values.raw["password"] ?? ""
        csrf = values["csrf"]
    }
}

/// The form that adds an agency, as typed.
struct AgencyForm: Sendable {
    var slug = ""
    var nameTh = ""
    var nameEn = ""
    var kind = ""

    init() {}

    init(_ values: FormValues) {
        slug = values["slug"]
        nameTh = values["nameTh"]
        nameEn = values["nameEn"]
        kind = values["kind"]
    }
}

/// The form that adds an admin: a username and the agency they manage (`*` for all).
struct AdminForm: Sendable {
    let username: String
    let agency: String

    init(_ values: FormValues) {
        username = values["username"].lowercased()
        agency = values["agency"]
    }

    var managesAll: Bool { agency == "*" }
}

/// The form that makes a batch of access codes.
struct CodeBatchForm: Sendable {
    let count: String
    /// The form the codes open; nil when the posted value names none.
    let form: FormKind?

    init(_ values: FormValues) {
        count = values["count"]
        form = FormKind(rawValue: values["form"])
    }
}

extension RoundSettings.Draft {
    /// The round settings form as posted: each setting under its field's name, targets under theirs.
    init(_ values: FormValues) {
        var text: [RoundSettings.Field: String] = [:]
        for field in RoundSettings.Field.allCases { text[field] = values.raw[field.rawValue] ?? "" }
        var targets: [RoundSettings.TargetKey: String] = [:]
        for key in RoundSettings.TargetKey.all {
            if let typed = values.raw[key.field], !typed.isEmpty { targets[key] = typed }
        }
        self.init(
            text: text, iitCodes: values.raw["iitCodes"] == "on", eitCodes: values.raw["eitCodes"] == "on",
            targets: targets)
    }
}

/// The fiscal year typed into one of the agency page's year pickers (`?year=`).
enum PickedYear {
    /// The year, if it is one of `years` written plainly; otherwise the 422 page that asks again, naming `example`
    /// and what the year is of.
    static func read(_ request: Request, in years: ClosedRange<Int>, of what: LocalizedText, example: Int) throws
        -> Int
    {
        let typed = (request.uri.queryParameters["year"].map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        guard let year = RoundSettings.fiscalYear(written: typed, in: years) else {
            throw PageError(
                .unprocessableContent,
                MessagePage(
                    heading: LocalizedText(th: "ปีงบประมาณไม่ถูกต้อง", en: "Not a fiscal year"),
                    text: LocalizedText(
                        th: "กรุณาใส่ปีงบประมาณ พ.ศ. \(what.th) เช่น \(example) แล้วลองอีกครั้ง",
                        en: "Please type the Buddhist-era fiscal year \(what.en), such as \(example), and try again.")))
        }
        return year
    }
}
