import XCTest
// Replaced by this module's real tests.
final class ClusterPlaceholderTests: XCTestCase { func testBuilds() {} }
