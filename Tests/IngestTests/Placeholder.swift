import XCTest
final class IngestTestsPlaceholder: XCTestCase { func testNothing() {} }
