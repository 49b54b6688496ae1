/// The server-sent events of `/events`: each is `event: <name>` and one line of JSON data.
/// The page (DashboardPage) listens for exactly these names.
public enum DashboardEventName: String, CaseIterable, Sendable {
    /// The cluster: the broker's reportq.status object as is, whether it answered, and the
    /// recent completion rate (samples of jobs/s).
    case cluster
    /// The failed jobs (retry) and the jobs not finished yet (cancel), as titanic.list gives them.
    case jobs
    /// Records that arrived: rows of the results table, oldest first.
    case records
    /// The panel has records it had not: the page reloads its charts.
    case panel
}

/// One event as it goes on the wire.
struct DashboardEvent: Sendable {
    var name: DashboardEventName
    var json: [UInt8]

    /// `event:` and `data:` lines; JSONWriter escapes control characters, so the data is one line.
    var wire: [UInt8] { Array("event: \(name.rawValue)\ndata: ".utf8) + json + Array("\n\n".utf8) }
}
