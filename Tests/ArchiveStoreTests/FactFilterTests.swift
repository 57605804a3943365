import DocumentModel
import Foundation
import XCTest
@testable import ArchiveStore

/// ``FactFilter`` (in memory) and ``FilterSQL`` (in SQLite and PostgreSQL) must admit the same documents
/// for every filter and clearance: search picks candidates by the one and facets count by
/// it, while hits are confirmed by the other.
final class FactFilterTests: GeneratedArchiveTestCase {
    private func add(_ type: DocumentType, date: String?, agency: String?, configure: (inout DocumentMetadata) -> Void = { _ in }) throws
        -> DocumentID {
        var metadata = DocumentMetadata()
        metadata.docType = type
        metadata.issuedDate = date.flatMap { IssuedDate(iso: $0) }
        metadata.agency = agency
        configure(&metadata)
        return try archive.store(newDocument(metadata, pages: ["Hồ sơ lưu trữ"]))
    }

    private func admittedBySQL(_ filters: SearchFilters, _ clearance: Clearance) throws -> Set<Int> {
        let filter = FilterSQL(filters, visibleTo: clearance, dialect: archive.database.dialect)
        return Set(try archive.database.prepare("SELECT d.rowid AS row FROM documents d WHERE \(filter.sql)")
            .bind(filter.values).rows { $0.int("row") })
    }

    private func admittedInMemory(_ filters: SearchFilters, _ clearance: Clearance) throws -> Set<Int> {
        let facts = try archive.documentFacts(at: archive.changeStamp())
        let filter = FactFilter(filters, visibleTo: clearance, facts: facts)
        return Set(facts.rows.filter(filter.admits))
    }

    private var filterCases: [(String, SearchFilters)] {
        func make(_ configure: (inout SearchFilters) -> Void) -> SearchFilters {
            var filters = SearchFilters()
            configure(&filters)
            return filters
        }
        return [
            ("none", SearchFilters()),
            ("types", make { $0.docTypes = [.keHoach, .baoCao] }),
            ("legal form", make { $0.legalForms = [.nghiDinh] }),
            ("agency, folded", make { $0.agency = "hung yen" }),
            ("agency, marked", make { $0.agency = "Đà Nẵng" }),
            ("agency, empty", make { $0.agency = "" }),
            ("from", make { $0.issuedFrom = "2020-01-01" }),
            ("to", make { $0.issuedTo = "2020-12-31" }),
            ("range", make {
                $0.issuedFrom = "2019-06-01"
                $0.issuedTo = "2021-01-01"
            }),
            ("secrecy", make { $0.secrecy = [.mat, .tuyetMat] }),
            ("urgency", make { $0.urgency = [.khan] }),
            ("needs review", make { $0.needsReview = true }),
            ("reviewed", make { $0.needsReview = false }),
            ("box", make { $0.box = BoxCode("05") }),
            ("hồ sơ", make { $0.hoSo = HoSoCode("HS017") }),
            ("box and hồ sơ", make {
                $0.box = BoxCode("05")
                $0.hoSo = HoSoCode("HS018")
            }),
            ("all at once", make {
                $0.docTypes = [.keHoach]
                $0.agency = "hung yen"
                $0.issuedFrom = "2019-01-01"
                $0.urgency = [.khan]
                $0.needsReview = false
            }),
        ]
    }

    func testMemoryAndSQLAdmitTheSameDocuments() throws {
        try onEveryBackend {
            try add(.keHoach, date: "2019-05-01", agency: "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN") { $0.urgency = .khan }
            try add(.keHoach, date: "2021-02-03", agency: "BAN QUẢN LÝ DI TÍCH CÔN SƠN") {
                $0.secrecy = .mat
                $0.needsReview = true
            }
            try add(.baoCao, date: nil, agency: nil) { $0.secrecy = .toiMat }
            try add(.vanBanQPPL, date: "2020-01-01", agency: "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG") {
                $0.legalForm = .nghiDinh
                $0.secrecy = .tuyetMat
                $0.urgency = .hoaToc
            }
            let boxed = try add(.congVan, date: "2020-12-31", agency: "SỞ NỘI VỤ TỈNH HƯNG YÊN")
            let other = try add(.thongBao, date: "2020-11-30", agency: "SỞ NỘI VỤ TỈNH HƯNG YÊN") { $0.secrecy = .mat }
            for (id, box, hoSo) in [(boxed, "05", "HS017"), (other, "05", "HS018")] {
                try archive.database.prepare("UPDATE documents SET box = ?, ho_so = ? WHERE id = ?")
                    .bind([.text(box), .text(hoSo), .text(id.rawValue)]).run()
            }
            for clearance in Clearance.allCases {
                for (name, filters) in filterCases {
                    let bySQL = try admittedBySQL(filters, clearance)
                    XCTAssertEqual(try admittedInMemory(filters, clearance), bySQL, "\(name), clearance \(clearance)")
                }
            }
            var inBox = SearchFilters()
            inBox.box = BoxCode("05")
            XCTAssertEqual(try admittedBySQL(inBox, .unrestricted).count, 2, "the box filter is exercised")
            XCTAssertGreaterThan(try admittedBySQL(SearchFilters(), .tuyetMat).count, try admittedBySQL(SearchFilters(), .none).count,
                                 "the archive holds classified documents, so clearance is exercised")
        }
    }

    func testACorrectionIsSeenAtOnce() throws {
        try onEveryBackend {
            let id = try add(.keHoach, date: "2019-05-01", agency: "SỞ NỘI VỤ")
            var secret = SearchFilters()
            secret.secrecy = [.tuyetMat]
            let before = try admittedInMemory(secret, .tuyetMat)
            try archive.correct(id, MetadataCorrection(values: [.secrecy: "tuyet_mat"], correctedBy: "Trần Thị Bình"), visibleTo: .unrestricted)
            let after = try admittedInMemory(secret, .tuyetMat)
            XCTAssertEqual(after.count, before.count + 1)
            XCTAssertEqual(after, try admittedBySQL(secret, .tuyetMat))
            XCTAssertEqual(try admittedInMemory(SearchFilters(), .none), try admittedBySQL(SearchFilters(), .none),
                           "closed at once to a reader without clearance")
        }
    }
}
