// One line of reportq's JSON Lines output as the panel reads it: the envelope through the one
// reader of the contract (JobContract.RecordEnvelope), the body's document, targets and
// indicators through the extraction's own types. Sentences, quantities and words are not read.
import Foundation
import JobContract
import ReportExtraction

public struct PanelRecord: Sendable {
    public var envelope: RecordEnvelope
    public var document: DocumentInfo?
    public var targets: [Target]
    public var indicators: [Indicator]

    public init(envelope: RecordEnvelope, document: DocumentInfo?, targets: [Target], indicators: [Indicator]) {
        self.envelope = envelope; self.document = document; self.targets = targets; self.indicators = indicators
    }

    /// The parts of an ok record's body the panel uses; other members are passed over.
    struct Body: Decodable {
        var document: DocumentInfo?
        var targets: [Target]?
        var indicators: [Indicator]?
    }

    /// Reads one line. Throws `PanelInputError.notARecord` for a line that is not a record.
    public static func read(_ line: [UInt8]) throws -> PanelRecord {
        let envelope: RecordEnvelope
        do { envelope = try RecordEnvelope.read(line) } catch { throw PanelInputError.notARecord("\(error)") }
        guard envelope.status == .ok else { return PanelRecord(envelope: envelope, document: nil, targets: [], indicators: []) }
        let body: Body
        do { body = try JSONDecoder().decode(Body.self, from: Data(line)) }
        catch { throw PanelInputError.notARecord("the body does not read as a record's (\(error))") }
        return PanelRecord(envelope: envelope, document: body.document, targets: body.targets ?? [], indicators: body.indicators ?? [])
    }
}

public enum PanelInputError: Error, CustomStringConvertible {
    case notARecord(String)
    public var description: String {
        switch self { case .notARecord(let why): return "not a record: \(why)" }
    }
}

/// What reading the inputs met, for the summary: lines that are no record are named, not fatal.
public struct PanelReading: Sendable {
    public var records: [PanelRecord] = []
    /// "file:line: reason" for each line that was not a record.
    public var skipped: [String] = []
    /// Inputs whose last line had no newline yet (a running aggregator still writing it): left out.
    public var incompleteLastLines: [String] = []

    public init() {}

    /// Adds the records of one JSON Lines file's bytes.
    public mutating func add(_ data: [UInt8], from file: String) {
        var lineNumber = 0
        var start = 0
        while start < data.count {
            lineNumber += 1
            guard let newline = data[start...].firstIndex(of: 0x0A) else {
                incompleteLastLines.append("\(file):\(lineNumber)")
                break
            }
            defer { start = newline + 1 }
            let line = Array(data[start..<newline])
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            do { records.append(try PanelRecord.read(line)) }
            catch { skipped.append("\(file):\(lineNumber): \(error)") }
        }
    }
}
