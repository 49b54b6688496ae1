import XCTest
// Replaced by this module's real tests.
final class ReportKitPlaceholderTests: XCTestCase { func testBuilds() {} }
