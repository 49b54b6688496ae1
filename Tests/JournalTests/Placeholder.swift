import XCTest
// Replaced by this module's real tests.
final class JournalPlaceholderTests: XCTestCase { func testBuilds() {} }
