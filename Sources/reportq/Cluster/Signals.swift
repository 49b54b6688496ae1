import Dispatch
import Foundation
import Majordomo

/// Turns SIGTERM and SIGINT into a StopFlag, so loops finish their work and exit cleanly.
/// The dispatch sources must stay alive, hence the returned tokens.
func stopOnTerminationSignals(_ flag: StopFlag, onStop: (@Sendable () -> Void)? = nil) -> [DispatchSourceSignal] {
    [SIGTERM, SIGINT].map { sig in
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
