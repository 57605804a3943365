import DocumentModel
import Foundation
import XCTest
@testable import ArchiveStore

/// Every read of documents for someone leaves out what is above their clearance: hits,
/// totals, facet counts, similar lists, the review queue, the export, and each read by id.
final class ClearanceTests: GeneratedArchiveTestCase {
    /// One document per secrecy level, all sharing words found nowhere else, all to review.
    private var ids: [Secrecy?: DocumentID] = [:]

    override func prepareBackend() throws {
        try super.prepareBackend()
        ids = [:]
        for secrecy in [nil] + Secrecy.allCases.map(Optional.some) {
            var metadata = DocumentMetadata()
            metadata.docType = .congVan
            metadata.number = "\(ids.count + 7)/UBND-VP"
            metadata.agency = "ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH"
            metadata.secrecy = secrecy
            metadata.needsReview = true
            metadata.reviewReasons = ["number"]
            metadata.reviewFields = [.number]
            let text = "Kho lưu trữ quangbinhx về việc chỉnh lý hồ sơ đất đai xã Tân Ninh \(secrecy?.rawValue ?? "thuong")"
            ids[secrecy] = try archive.store(newDocument(metadata, pages: [text, text]))
        }
    }

    private func visible(at clearance: Clearance) -> Set<DocumentID> {
        Set(ids.filter { clearance.permits($0.key) }.map(\.value))
    }

    func testTheRuleOrdersLevelsAndOpensUnmarkedDocumentsToAll() {
        XCTAssertTrue(Clearance.none.permits(nil))
        XCTAssertFalse(Clearance.none.permits(.mat))
        XCTAssertTrue(Clearance.mat.permits(.mat))
        XCTAssertFalse(Clearance.mat.permits(.toiMat))
        XCTAssertTrue(Clearance.toiMat.permits(.toiMat))
        XCTAssertFalse(Clearance.toiMat.permits(.tuyetMat))
        XCTAssertTrue(Clearance.unrestricted.permits(.tuyetMat))
        XCTAssertEqual(Clearance.allCases.map(\.rawValue), ["none", "mat", "toi_mat", "tuyet_mat"])
    }

    func testHitsTotalsAndFacetCountsHoldOnlyWhatTheReaderMaySee() throws {
        try onEveryBackend {
            for clearance in Clearance.allCases {
                let expected = visible(at: clearance)
                let query = SearchQuery(text: "quangbinhx", limit: 50, visibleTo: clearance)
                XCTAssertEqual(Set(try archive.search(query).hits.map(\.id)), expected, "\(clearance)")
                let facets = try archive.facets(query)
                XCTAssertEqual(facets.total, expected.count, "\(clearance)")
                let secrecyCounts = facets.counts["secrecy"]?.reduce(0) { $0 + $1.count } ?? 0
                XCTAssertEqual(secrecyCounts, expected.count - 1, "\(clearance): the classified among them")
                var byNumber = SearchQuery(text: "8/UBND-VP", visibleTo: clearance)
                XCTAssertEqual(try archive.search(byNumber).hits.contains { $0.id == ids[.mat] }, clearance >= .mat,
                               "a number finds its document only for the cleared")
                byNumber.text = ""
                byNumber.filters.secrecy = [.tuyetMat]
                XCTAssertEqual(try archive.search(byNumber).hits.isEmpty, clearance < .tuyetMat, "filtering on a level does not reveal it")
                var sorted = SearchQuery(text: "quangbinhx", sort: .newest, limit: 50, visibleTo: clearance)
                XCTAssertEqual(Set(try archive.search(sorted).hits.map(\.id)), expected)
                sorted.text = ""
                sorted.filters.agency = "quang binh"
                XCTAssertEqual(Set(try archive.search(sorted).hits.map(\.id)).intersection(Set(ids.values)), expected)
            }
        }
    }

    func testReadsByIdFindNothingAboveTheClearance() throws {
        try onEveryBackend {
            for clearance in Clearance.allCases {
                for (secrecy, id) in ids {
                    let open = clearance.permits(secrecy)
                    XCTAssertEqual(try archive.document(id: id, visibleTo: clearance) != nil, open)
                    XCTAssertEqual(try archive.recognizedPages(of: id, visibleTo: clearance).isEmpty, !open)
                    XCTAssertEqual(try archive.exportRecord(of: id, visibleTo: clearance) != nil, open)
                    let similar = try archive.similar(to: ids[nil]!, limit: 50, visibleTo: clearance).map(\.id)
                    XCTAssertEqual(similar.contains(id), open && secrecy != nil, "\(clearance) similar to the open one")
                    XCTAssertEqual(try archive.similar(to: id, limit: 5, visibleTo: clearance).isEmpty, !open)
                }
            }
        }
    }

    func testCorrectionsOfAHiddenDocumentAreRefusedAndItsTrailUnread() throws {
        try onEveryBackend {
            let hidden = try XCTUnwrap(ids[.toiMat])
            let correction = MetadataCorrection(values: [.number: "99/UBND-VP"], cleared: [], correctedBy: "lan", note: nil, keepsReview: false)
            XCTAssertThrowsError(try archive.correct(hidden, correction, visibleTo: .mat)) {
                XCTAssertEqual($0 as? CorrectionError, .noSuchDocument(hidden))
            }
            XCTAssertEqual(try archive.document(id: hidden, visibleTo: .unrestricted)?.metadata[.number], "9/UBND-VP", "nothing written")
            try archive.correct(hidden, correction, visibleTo: .toiMat)
            XCTAssertEqual(try archive.corrections(of: hidden, visibleTo: .mat), [])
            XCTAssertEqual(try archive.corrections(of: hidden, visibleTo: .toiMat).count, 2)
        }
    }

    func testACorrectedSecrecyDecidesWhoSeesTheDocument() throws {
        try onEveryBackend {
            let open = try XCTUnwrap(ids[nil])
            let marking = MetadataCorrection(values: [.secrecy: "tuyet_mat"], cleared: [], correctedBy: "lan", note: nil, keepsReview: true)
            try archive.correct(open, marking, visibleTo: .unrestricted)
            XCTAssertNil(try archive.document(id: open, visibleTo: .toiMat))
            XCTAssertFalse(try archive.search(SearchQuery(text: "quangbinhx", limit: 50, visibleTo: .toiMat)).hits.contains { $0.id == open })
            let unmarking = MetadataCorrection(values: [:], cleared: [.secrecy], correctedBy: "lan", note: nil, keepsReview: true)
            try archive.correct(open, unmarking, visibleTo: .unrestricted)
            XCTAssertNotNil(try archive.document(id: open, visibleTo: .none))
        }
    }

    func testTheReviewQueueAndTheExportLeaveOutWhatIsAbove() throws {
        try onEveryBackend {
            for clearance in Clearance.allCases {
                let queued = Set(try archive.reviewQueue(limit: 1_000, visibleTo: clearance).map(\.id)).intersection(Set(ids.values))
                XCTAssertEqual(queued, visible(at: clearance), "\(clearance)")
                let file = folder.appendingPathComponent("export-\(clearance).jsonl")
                FileManager.default.createFile(atPath: file.path, contents: nil)
                let handle = try FileHandle(forWritingTo: file)
                try archive.exportJSONL(to: handle, visibleTo: clearance)
                try handle.close()
                let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                let exported: [String] = try lines.compactMap { line in
                    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                    return object?["id"] as? String
                }
                XCTAssertEqual(Set(exported.map { DocumentID($0) }).intersection(Set(ids.values)), visible(at: clearance), "\(clearance)")
                XCTAssertEqual(exported.count, background.documents + visible(at: clearance).count)
            }
        }
    }
}
