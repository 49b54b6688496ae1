import XCTest
// Replaced by this module's real tests.
final class ReportExtractionPlaceholderTests: XCTestCase { func testBuilds() {} }
