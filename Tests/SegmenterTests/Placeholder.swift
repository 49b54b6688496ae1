import XCTest
// Replaced by this module's real tests.
final class SegmenterPlaceholderTests: XCTestCase { func testBuilds() {} }
