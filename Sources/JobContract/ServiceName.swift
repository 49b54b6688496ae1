/// The MDP service names of the cluster (protocols/mdp.md §4). Workers register `ingest`,
/// `collect` or `echo`; the broker answers the others itself.
public enum ServiceName: String, CaseIterable, Sendable {
    /// `reportq worker`: [job header, file bytes] → [output record].
    case ingest
    /// `reportq aggregator`: [job header, output record] pairs → one status per pair (CollectStatus).
    case collect
    /// `reportq worker --echo`: the body back (tests, benchmarks).
    case echo
    /// Titanic (RFC 9), built into the broker over its journal (protocols/titanic.md).
    case titanicRequest = "titanic.request"
    case titanicReply = "titanic.reply"
    case titanicClose = "titanic.close"
    /// Job control, reportq's extension of Titanic (protocols/titanic.md §2a): list the jobs,
    /// show one, retry failed ones, cancel one, forget the finished.
    case titanicList = "titanic.list"
    case titanicShow = "titanic.show"
    case titanicRetry = "titanic.retry"
    case titanicCancel = "titanic.cancel"
    case titanicPurge = "titanic.purge"
    /// The broker's queue figures as one JSON object (protocols/titanic.md §3a).
    case status = "reportq.status"

    /// The name as the frame carries it.
    public var bytes: [UInt8] { Array(rawValue.utf8) }
}
