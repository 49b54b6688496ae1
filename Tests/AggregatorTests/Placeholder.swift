import XCTest
// Replaced by this module's real tests.
final class AggregatorPlaceholderTests: XCTestCase { func testBuilds() {} }
