import Foundation
import XCTest
@testable import Ingest
@testable import Pipeline

final class ConfigurationTests: XCTestCase {
    func testProjectPipelineYAMLParsesToTheDocumentedDefaults() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let fromFile = try PipelineConfiguration.load(from: root.appendingPathComponent("pipeline.yaml"))
        XCTAssertEqual(fromFile, PipelineConfiguration(), "pipeline.yaml must state the built-in defaults")
    }

    func testKeysOverrideDefaults() throws {
        let config = try PipelineConfiguration.parse("""
            archive: /tmp/elsewhere
            ocr:
              language: vie+Vietnamese
              workers: 3
            input:
              pdf_password: "1234"
            """)
        XCTAssertEqual(config.archive, "/tmp/elsewhere")
        XCTAssertEqual(config.ocr.language, "vie+Vietnamese")
        XCTAssertEqual(config.workerCount, 3)
        XCTAssertEqual(config.ocr.dpi, 300)
        XCTAssertEqual(config.input.pdfPassword, "1234")
    }

    func testCleanupStepsCanBeSwitched() throws {
        let config = try PipelineConfiguration.parse("""
            ocr:
              cleanup:
                binarize: false
                despeckle: false
            """)
        XCTAssertFalse(config.ocr.cleanup.binarize)
        XCTAssertFalse(config.ocr.cleanup.despeckle)
    }

    func testTheHierarchyAndTheRecordsOfficeAreRead() throws {
        let config = try PipelineConfiguration.parse("""
            hierarchy:
              pattern: "{fonds}/{box}/{file}"
              catalog: muc-luc.csv
            records:
              fixity_max_age_days: 90
            """)
        XCTAssertEqual(config.hierarchy.pattern?.levels, [.fonds, .box, .file])
        XCTAssertEqual(config.hierarchy.catalog, "muc-luc.csv")
        XCTAssertEqual(config.records.fixityMaxAgeDays, 90)
        XCTAssertNil(PipelineConfiguration().hierarchy.pattern, "no levels are read unless a pattern is given")
        XCTAssertThrowsError(try PipelineConfiguration.parse("hierarchy:\n  pattern: \"Hộp {box}\"\n", origin: "p.yaml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("p.yaml: 'hierarchy.pattern': 'Hộp {box}'"), "\(error)")
        }
    }

    func testTheLearnedModelCanBeSwitchedOff() throws {
        XCTAssertTrue(PipelineConfiguration().classifier.learnedModel)
        XCTAssertFalse(try PipelineConfiguration.parse("classifier:\n  learned_model: false\n").classifier.learnedModel)
        XCTAssertThrowsError(try PipelineConfiguration.parse("classifier:\n  learned_modle: false\n")) { error in
            XCTAssertTrue("\(error)".contains("classifier.learned_modle"), "\(error)")
        }
    }

    func testUnknownKeyIsAnErrorThatNamesIt() {
        XCTAssertThrowsError(try PipelineConfiguration.parse("ocr:\n  langauge: vie\n")) { error in
            XCTAssertTrue("\(error)".contains("ocr.langauge"), "\(error)")
        }
    }

    func testOutOfRangeValueIsRejected() {
        XCTAssertThrowsError(try PipelineConfiguration.parse("ocr:\n  dpi: 5\n")) { error in
            XCTAssertTrue("\(error)".contains("ocr.dpi"), "\(error)")
        }
    }

    func testLinkPolicyIsInsideUnlessSaidOtherwise() throws {
        XCTAssertEqual(PipelineConfiguration().input.followLinks, .inside)
        XCTAssertEqual(try PipelineConfiguration.parse("input:\n  follow_links: always\n").input.followLinks, .always)
        XCTAssertThrowsError(try PipelineConfiguration.parse("input:\n  follow_links: sometimes\n")) { error in
            XCTAssertTrue("\(error)".contains("'input.follow_links' must be inside or always"), "\(error)")
        }
    }
}
