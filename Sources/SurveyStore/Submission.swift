import Foundation
import GRDB
import SurveyCore

/// A validated response on its way into the store, with what guards against storing it twice.
public struct Submission: Sendable, Hashable {
    public let response: Response
    public let roundId: Int64
    /// The one-time token of the rendered form; a token already spent stores nothing.
    public let token: OneTimeNonce?
    /// For an IIT that asks for access codes, the ballot given for a spent code: it allows one answer and
    /// says nothing of the code it was given for.
    public let ballot: OneTimeNonce?
    /// The row as it will be stored, prepared where the submission is made rather than by the single writer.
    let row: PreparedRow

    public init(response: Response, roundId: Int64, token: OneTimeNonce?, ballot: OneTimeNonce? = nil) {
        self.response = response
        self.roundId = roundId
        self.token = token
        self.ballot = ballot
        row = PreparedRow(response, roundId: roundId)
    }
}

/// A response row ready to store: its slot body under a fresh random id, and its digest lanes.
struct PreparedRow: Sendable, Hashable {
    let response: Response
    let roundId: Int64
    let body: Data
    let vector: [UInt16]

    init(_ response: Response, roundId: Int64) {
        self.response = response
        self.roundId = roundId
        let values: [DatabaseValue] = [
            Data(RandomBytes.make(16)).databaseValue, roundId.databaseValue, response.form.rawValue.databaseValue,
            response.day.description.databaseValue, response.profile[.gender].databaseValue,
            response.profile[.age].databaseValue, response.profile[.education].databaseValue,
            response.profile[.contact].databaseValue, ResponseRow.encode(response.answers).databaseValue,
        ]
        body = ResponseRow.body(values)
        vector = RoundDigest.vector(ResponseRow.canonical(values))
    }
}

/// What became of a submission.
public enum RecordOutcome: Sendable, Hashable {
    case stored
    /// The form's token was spent already: a double tap or a resubmit.
    case alreadySubmitted
    /// The ballot allowed an answer already.
    case ballotSpent
}
