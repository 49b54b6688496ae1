import Foundation
import Majordomo

/// What a worker or aggregator process says about its sessions' link to the broker (BrokerLink
/// events from every session): `waiting for broker at ENDPOINT` while none has heard from it
/// (every 10 s, with the time waited), `connected to broker at ENDPOINT` once one has, after a wait.
/// A process that reaches its broker at once prints nothing.
final class BrokerLinkLog: @unchecked Sendable {
    static let repeatMs = 10_000

    private let role: String
    private let endpoint: String
    private let lock = NSLock()
    private var linked = Set<Int>()
    private var toldWaitingAtMs: Int?

    init(role: String, endpoint: String) {
        self.role = role
        self.endpoint = endpoint
    }

    /// The handler for session `session`'s `WorkerOptions.onLink`.
    func observer(session: Int) -> @Sendable (BrokerLink) -> Void {
        { [self] event in self.heard(event, from: session) }
    }

    private func heard(_ event: BrokerLink, from session: Int) {
        lock.lock(); defer { lock.unlock() }
        let now = MonotonicClock.nowMs()
        switch event {
        case .connected:
            linked.insert(session)
            if toldWaitingAtMs != nil {
                toldWaitingAtMs = nil
                say("connected to broker at \(endpoint)")
            }
        case .waiting(let since):
            linked.remove(session)
            guard linked.isEmpty else { return }
            if let told = toldWaitingAtMs, now - told < BrokerLinkLog.repeatMs { return }
            toldWaitingAtMs = now
            say("waiting for broker at \(endpoint) (\((now - since + 500) / 1000) s)")
        }
    }

    private func say(_ text: String) {
        printError("\(role): \(text)")
    }
}
