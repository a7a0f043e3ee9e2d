import Foundation
import SurveyCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The number of answers acknowledged so far, kept in a small file beside the database (`<db>-acknowledged`) and
/// outside its write-ahead log. A crash recovery that drops committed frames takes the database's own count back
/// with them but not this one, so the difference is the number of acknowledged answers lost. The file holds only
/// that running total, twenty digits and a newline, rewritten in place; its descriptor stays open for the life of
/// the process.
final class AcknowledgedCountFile: Sendable {
    static let suffix = "-acknowledged"
    /// Twenty decimal digits and a newline: the file never changes size, and a person can read it.
    private static let width = 21

    let path: String
    private let descriptor: Int32
    /// Writers of this process take turns; `flock` makes those of other processes (`prongsai import`) wait too.
    private let writing = Mutex(())
    /// Where batches' counts are written, one after another, off the queue of submissions.
    private let queue = DispatchQueue(label: "prongsai.acknowledged-count")
    /// The last write that failed, until `takeFailure` reports it.
    private let failure = Mutex<AcknowledgedCountError?>(nil)

    init(databasePath: String) throws {
        path = databasePath + Self.suffix
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AcknowledgedCountError(path: path, doing: "open", errno: errno) }
    }

    deinit {
        close(descriptor)
    }

    /// The count the file holds; nil when it holds none (just made, or not written by Prongsai).
    func read() throws(AcknowledgedCountError) -> Int? {
        var bytes = [UInt8](repeating: 0, count: Self.width)
        let length = pread(descriptor, &bytes, Self.width, 0)
        guard length >= 0 else { throw AcknowledgedCountError(path: path, doing: "read", errno: errno) }
        guard length == Self.width, bytes.last == UInt8(ascii: "\n") else { return nil }
        return Int(String(decoding: bytes.dropLast(), as: UTF8.self))
    }

    /// The Thai day of the file's modification time: the day it was last written or blurred (`blurTimes` sets it
    /// to the start of the day every second), so, after a crash, the day the last answers were acknowledged.
    func lastModifiedDay() -> Day? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        return Day(Date(timeIntervalSince1970: TimeInterval(status.st_mtim.tv_sec)))
    }

    /// Raises the count to `total` and waits until it is on disk; a count already as high (written by another
    /// process meanwhile) is left as it is, so the file never goes down.
    func raise(to total: Int) throws(AcknowledgedCountError) {
        try writing.withLock { _ throws(AcknowledgedCountError) in
            guard flock(descriptor, LOCK_EX) == 0 else {
                throw AcknowledgedCountError(path: path, doing: "lock", errno: errno)
            }
            defer { flock(descriptor, LOCK_UN) }
            if let current = try read(), current >= total { return }
            let digits = String(total)
            let bytes = Array((String(repeating: "0", count: Self.width - 1 - digits.count) + digits + "\n").utf8)
            guard pwrite(descriptor, bytes, bytes.count, 0) == bytes.count else {
                throw AcknowledgedCountError(path: path, doing: "write", errno: errno)
            }
            guard fdatasync(descriptor) == 0 else {
                throw AcknowledgedCountError(path: path, doing: "sync", errno: errno)
            }
        }
    }

    /// `raise(to:)` after a commit that is already durable: a failure is kept for `takeFailure` instead of thrown.
    func acknowledge(total: Int) {
        // The answers are committed and on disk whatever happens here, so their requests still get the thank-you
        // page: refusing them would ask people to send again what is stored (their token is spent, so a second
        // try is told it already counted). What a failure costs is that this batch, if a later crash drops it,
        // is not noticed; the next batch that succeeds raises the count past it again. It is not logged here, as
        // a line written now would date the answers of the batch; `takeFailure` reports it later.
        do {
            try raise(to: total)
        } catch {
            failure.withLock { $0 = error }
        }
    }

    /// `acknowledge(total:)` on the file's own queue, then `done`, which answers the batch's requests: the next
    /// batch commits while this one's count is synced, so the two syncs overlap instead of adding up.
    func acknowledge(total: Int, then done: @escaping @Sendable () -> Void) {
        queue.async {
            self.acknowledge(total: total)
            done()
        }
    }

    /// The last failed write since the previous call, if any.
    func takeFailure() -> AcknowledgedCountError? {
        failure.withLock { failure in
            defer { failure = nil }
            return failure
        }
    }
}

/// A system call on the count file of acknowledged answers failed.
public struct AcknowledgedCountError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let doing: String
    public let errno: Int32

    public var description: String {
        "could not \(doing) \(path): \(String(cString: strerror(errno)))"
    }
}
