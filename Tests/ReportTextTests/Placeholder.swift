import XCTest
// Replaced by this module's real tests.
final class ReportTextPlaceholderTests: XCTestCase { func testBuilds() {} }
