import Dispatch
import Foundation
import Majordomo

/// The signal sources live as long as the process: an optimizer-released source would leave
/// the signal caught by libdispatch and silently dropped.
nonisolated(unsafe) private var signalSources: [DispatchSourceSignal] = []

/// Turns SIGTERM and SIGINT into a StopFlag, so loops finish their work and exit cleanly.
func stopOnTerminationSignals(_ flag: StopFlag, onStop: (@Sendable () -> Void)? = nil) {
    signalSources += [SIGTERM, SIGINT].map { sig in
        signal(sig, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        source.setEventHandler {
            flag.set()
            onStop?()
        }
        source.resume()
        return source
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data(("reportq: " + message + "\n").utf8))
}
