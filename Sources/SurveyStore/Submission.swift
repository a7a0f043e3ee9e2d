import Foundation
import GRDB
import SurveyCore

/// A validated response on its way into the store, with what guards against storing it twice.
public struct Submission: Sendable, Hashable {
    public let response: Response
    public let roundId: Int64
    /// The one-time token of the rendered form; a token already spent stores nothing.
    public let token: Data?
    /// The day the token was issued, so spent tokens can be forgotten after a while.
    public let tokenDay: Day
    /// The normalized access code, for an IIT that asks for one.
    public let accessCode: String?
    /// The row as it will be stored, prepared where the submission is made rather than by the single writer.
    let row: PreparedRow

    public init(response: Response, roundId: Int64, token: Data?, tokenDay: Day, accessCode: String?) {
        self.response = response
        self.roundId = roundId
        self.token = token
        self.tokenDay = tokenDay
        self.accessCode = accessCode
        row = PreparedRow(response, roundId: roundId)
    }
}

/// A response row ready to insert: its column values under a fresh random key, and its digest lanes.
struct PreparedRow: Sendable, Hashable {
    let response: Response
    let roundId: Int64
    let values: [DatabaseValue]
    let vector: [UInt16]

    init(_ response: Response, roundId: Int64) {
        self.response = response
        self.roundId = roundId
        values = [
            Data(RandomBytes.make(16)).databaseValue, roundId.databaseValue, response.form.rawValue.databaseValue,
            response.day.description.databaseValue, response.profile[.gender].databaseValue,
            response.profile[.age].databaseValue, response.profile[.education].databaseValue,
            response.profile[.contact].databaseValue, ResponseRow.encode(response.answers).databaseValue,
        ]
        vector = RoundDigest.vector(ResponseRow.canonical(values))
    }
}

/// What became of a submission.
public enum RecordOutcome: Sendable, Hashable {
    case stored
    /// The form's token was spent already: a double tap or a resubmit.
    case alreadySubmitted
    /// The access code is not one of the round's unused codes.
    case accessCodeRefused(AccessCodeStatus)
}
