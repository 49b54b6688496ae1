// Workers may run the pipeline on several threads: the shared OpenCC converter and the
// rest must give the same records as a sequential run.
import Foundation
import XCTest
@testable import ReportKit

final class ConcurrencyTests: XCTestCase {
    func testConcurrentRecordsEqualSequentialOnes() throws {
        let corpus = try CorpusFiles.all()
        func strip(_ b: [UInt8]) throws -> NSDictionary { try parseRecord(b) as NSDictionary }   // no timings: nothing to strip
        let sequential = try corpus.map { try strip(ReportPipeline.record(jobID: $0.0, fileName: $0.0, bytes: $0.1)) }
        let n = corpus.count * 2
        let results = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: n)
        results.initialize(repeating: [])
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: n) { i in
            let (name, bytes) = corpus[i % corpus.count]
            results[i] = ReportPipeline.record(jobID: name, fileName: name, bytes: bytes)
        }
        for i in 0..<n {
            XCTAssertEqual(try strip(results[i]), sequential[i % corpus.count], corpus[i % corpus.count].0)
        }
    }
}
