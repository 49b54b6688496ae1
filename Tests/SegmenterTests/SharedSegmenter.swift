// One plain (no user dictionary) segmenter for all tests: loading takes a while in debug builds.
import Segmenter
import XCTest

enum Shared {
    static let plain: Segmenter = {
        do { return try Segmenter.shared() } catch { fatalError("cannot load the jieba data: \(error)") }
    }()
}
