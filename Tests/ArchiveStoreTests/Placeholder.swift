import XCTest
final class ArchiveStoreTestsPlaceholder: XCTestCase { func testNothing() {} }
