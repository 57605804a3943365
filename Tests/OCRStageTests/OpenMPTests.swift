import OCRStage
import XCTest

final class OpenMPTests: XCTestCase {
    /// Asks libgomp itself: a limit merely present in the environment after load would not hold.
    func testTesseractsOpenMPRunsOneThread() throws {
        _ = try TesseractEngine(language: "vie")
        XCTAssertEqual(OpenMP.threadLimit, 1, "run the tests with scripts/test, which sets OMP_THREAD_LIMIT=1 before start")
    }
}
