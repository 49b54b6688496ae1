import Foundation
import JobContract
import JSONOutput
import Panel
import Titanic

/// What the page shows, in one place: the latest cluster figures and jobs from the broker, the
/// records that arrived, and the pages subscribed to changes. Each change goes out to every
/// subscribed page as one event; a page that subscribes gets the whole picture first.
actor DashboardHub {
    struct Limits {
        /// Rows of the results table kept (the latest).
        var rows = 500
        /// Record lines kept whole for their JSON link (the latest), and their bytes at most.
        var lines = 500
        var lineBytes = 64 << 20
        /// Records the panel is built from.
        var panelRecords = 200_000
        /// Rate samples kept (one per status poll).
        var rateSamples = 180
        /// Events a slow page may have waiting before the oldest are dropped.
        var pendingEvents = 256
    }

    struct ClusterState {
        var status: QueueStatus?
        var error: String?
        var at = Date()
    }

    let broker: String
    let source: RecordFeedSource
    let limits: Limits

    private var cluster = ClusterState()
    private var rate: [(at: Date, jobsPerSecond: Double, done: Int)] = []
    private var jobs: (failed: TitanicJobList, active: TitanicJobList)?
    private var rows: [RecordRow] = []
    private var lines: [(jobID: String, line: [UInt8])] = []
    private var lineBytes = 0
    private var panelRecords: [PanelRecord] = []
    private var skippedLines = 0
    private(set) var panelVersion = 0
    private var panelPage: (version: Int, html: String)?
    private var subscribers: [UUID: AsyncStream<DashboardEvent>.Continuation] = [:]

    init(broker: String, source: RecordFeedSource, limits: Limits = Limits()) {
        self.broker = broker; self.source = source; self.limits = limits
    }

    // MARK: subscribers

    /// The events for one page: the current picture, then every change; `end` finishes them.
    func subscribe() -> (events: AsyncStream<DashboardEvent>, end: @Sendable () -> Void) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<DashboardEvent>.makeStream(bufferingPolicy: .bufferingNewest(limits.pendingEvents))
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        continuation.yield(clusterEvent())
        if jobs != nil { continuation.yield(jobsEvent()) }
        continuation.yield(recordsEvent(rows))
        continuation.yield(panelEvent())
        subscribers[id] = continuation
        return (stream, { continuation.finish() })
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

    /// Ends every page's stream (the server is shutting down).
    func close() {
        for c in subscribers.values { c.finish() }
        subscribers.removeAll()
    }

    var subscriberCount: Int { subscribers.count }

    private func publish(_ event: DashboardEvent) {
        for c in subscribers.values { c.yield(event) }
    }

    // MARK: updates

    func update(status: QueueStatus?, error: String?) {
        cluster = ClusterState(status: status, error: error, at: Date())
        if let status {
            rate.append((Date(), status.jobsPerSecond, status.done))
            if rate.count > limits.rateSamples { rate.removeFirst(rate.count - limits.rateSamples) }
        }
        publish(clusterEvent())
    }

    func update(failed: TitanicJobList, active: TitanicJobList) {
        let changed = jobs.map { $0.failed != failed || $0.active != active } ?? true
        jobs = (failed, active)
        if changed { publish(jobsEvent()) }
    }

    /// Lines from the feed: each record becomes a row, joins the panel, and is kept for its link.
    /// A line that is not a record is counted and passed over.
    func add(lines new: [[UInt8]]) {
        var added: [RecordRow] = []
        for line in new {
            guard let record = try? PanelRecord.read(line) else { skippedLines += 1; continue }
            let row = RecordRow(record)
            added.append(row)
            if panelRecords.count < limits.panelRecords { panelRecords.append(record) }
            keep(line, of: row.jobID)
        }
        guard !added.isEmpty else { return }
        rows += added
        if rows.count > limits.rows { rows.removeFirst(rows.count - limits.rows) }
        panelVersion += 1
        publish(recordsEvent(added.suffix(limits.rows)))
        publish(panelEvent())
    }

    private func keep(_ line: [UInt8], of jobID: String) {
        lines.append((jobID, line))
        lineBytes += line.count
        var drop = 0
        while lines.count - drop > limits.lines || (lineBytes > limits.lineBytes && lines.count - drop > 1) {
            lineBytes -= lines[drop].line.count
            drop += 1
        }
        if drop > 0 { lines.removeFirst(drop) }
    }

    // MARK: reads

    /// The record line of a job, while it is among the latest kept.
    func line(of jobID: String) -> [UInt8]? {
        lines.last { $0.jobID == jobID }?.line
    }

    /// The panel's page (PanelReport) of every record so far, built once per new arrival.
    func panelHTML() -> String {
        if let page = panelPage, page.version == panelVersion { return page.html }
        let html = PanelReport.html(Panel(records: panelRecords), title: "reportq panel: \(panelRecords.count) records so far")
        panelPage = (panelVersion, html)
        return html
    }

    // MARK: events

    private func clusterEvent() -> DashboardEvent {
        var w = JSONWriter(reservingCapacity: 2048)
        w.beginObject()
        w.key("broker"); w.string(broker)
        w.key("source"); w.string(source.description)
        w.key("reachable"); w.bool(cluster.status != nil)
        w.key("error"); w.string(cluster.error)
        w.key("at"); w.double((cluster.at.timeIntervalSince1970 * 1000).rounded())
        w.key("status")
        if let status = cluster.status { w.raw(status.encoded()) } else { w.null() }
        w.key("records"); w.int(panelRecords.count)
        w.key("skipped_lines"); w.int(skippedLines)
        w.key("rate"); w.beginArray()
        for sample in rate {
            w.beginArray()
            w.double((sample.at.timeIntervalSince1970 * 1000).rounded())
            w.double(sample.jobsPerSecond)
            w.int(sample.done)
            w.endArray()
        }
        w.endArray()
        w.endObject()
        return DashboardEvent(name: .cluster, json: w.bytes)
    }

    private func jobsEvent() -> DashboardEvent {
        var w = JSONWriter(reservingCapacity: 4096)
        w.beginObject()
        if let jobs {
            for (key, list) in [("failed", jobs.failed), ("active", jobs.active)] {
                w.key(key); w.beginArray()
                for job in list.jobs { w.raw(job.encoded()) }
                w.endArray()
                w.key(key + "_more"); w.bool(list.more)
            }
        }
        w.endObject()
        return DashboardEvent(name: .jobs, json: w.bytes)
    }

    private func recordsEvent<Rows: Collection<RecordRow>>(_ rows: Rows) -> DashboardEvent {
        var w = JSONWriter(reservingCapacity: 256 * rows.count + 16)
        w.beginArray()
        for row in rows { row.write(to: &w) }
        w.endArray()
        return DashboardEvent(name: .records, json: w.bytes)
    }

    private func panelEvent() -> DashboardEvent {
        var w = JSONWriter(reservingCapacity: 64)
        w.beginObject()
        w.key("version"); w.int(panelVersion)
        w.key("records"); w.int(panelRecords.count)
        w.endObject()
        return DashboardEvent(name: .panel, json: w.bytes)
    }
}
