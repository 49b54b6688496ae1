import XCTest
// Replaced by this module's real tests.
final class MajordomoPlaceholderTests: XCTestCase { func testBuilds() {} }
