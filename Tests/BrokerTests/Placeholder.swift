import XCTest
// Replaced by this module's real tests.
final class BrokerPlaceholderTests: XCTestCase { func testBuilds() {} }
