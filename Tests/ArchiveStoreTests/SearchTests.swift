import Classifier
import DocumentModel
import DocumentSynth
import Foundation
import XCTest
@testable import ArchiveStore

/// Search on an archive of generated Nghị định 30 documents, plus a few written for the
/// behaviour under test.
final class SearchTests: GeneratedArchiveTestCase {
    @discardableResult
    private func add(_ source: String, _ text: String, type: DocumentType = .congVan, number: String? = nil,
                     date: String? = nil, agency: String? = nil, configure: (inout DocumentMetadata) -> Void = { _ in }) throws -> DocumentID {
        var metadata = DocumentMetadata()
        metadata.docType = type
        metadata.number = number
        metadata.issuedDate = date.flatMap { IssuedDate(iso: $0) }
        metadata.agency = agency
        configure(&metadata)
        return try archive.store(newDocument(metadata, pages: [text], source: source))
    }

    private func sources(_ text: String, _ configure: (inout SearchQuery) -> Void = { _ in }) throws -> [String] {
        var query = SearchQuery(text: text, limit: 100, visibleTo: .unrestricted)
        configure(&query)
        return try archive.search(query).hits.map(\.source)
    }

    func testFoldedQueryFindsEverySpellingAndAMarkedOneRanksExactTonesFirst() throws {
        try onEveryBackend {
            for (name, word) in [("ban.txt", "ban"), ("ban_huyen.txt", "bàn"), ("ban_sac.txt", "bán"), ("ban_hoi.txt", "bản"), ("ban_nang.txt", "bạn")] {
                try add(name, "Tờ \(word) xếp trong hồ sơ lưu kho")
            }
            let all = Set(["ban.txt", "ban_huyen.txt", "ban_sac.txt", "ban_hoi.txt", "ban_nang.txt"])
            XCTAssertEqual(Set(try sources("ban")).intersection(all), all)
            XCTAssertEqual(try sources("bản").first, "ban_hoi.txt")
            XCTAssertEqual(try sources("bàn").first, "ban_huyen.txt")
            XCTAssertEqual(Set(try sources("bản")).intersection(all), all, "a marked query still finds the other spellings")
        }
    }

    func testOldAndNewTonePlacementAreOneWord() throws {
        try onEveryBackend {
            try add("old.txt", "Công trình thuỷ lợi Hoà Bình")
            try add("other.txt", "Cô giáo Thùy dạy hóa học")
            XCTAssertEqual(try sources("thủy lợi").first, "old.txt")
            XCTAssertEqual(try sources("hòa bình").first, "old.txt")
            XCTAssertEqual(try sources("HOÀ BÌNH").first, "old.txt")
        }
    }

    func testDFoldsToDAndDecomposedTextIsFound() throws {
        try onEveryBackend {
            try add("danang.txt", "Ủy ban nhân dân thành phố \u{0110}a\u{0300} Na\u{0306}\u{0303}ng")
            for query in ["da nang", "Đà Nẵng", "ĐÀ NẴNG", "Ða Nang"] {
                XCTAssertTrue(try sources(query).contains("danang.txt"), query)
            }
            XCTAssertFalse(try sources("dan ang").contains("danang.txt"), "words are syllables, not letters")
        }
    }

    func testQuotedPhraseMatchesAdjacentSyllablesOnly() throws {
        try onEveryBackend {
            try add("adjacent.txt", "Ủy ban nhân dân tỉnh Hưng Yên")
            try add("scattered.txt", "Nhân viên ủy quyền cho ban dân vận")
            XCTAssertEqual(try sources("\"uy ban nhan dan\"").filter { $0.hasSuffix(".txt") }, ["adjacent.txt"])
            XCTAssertEqual(Set(try sources("uy ban nhan dan").filter { $0.hasSuffix(".txt") }), ["adjacent.txt", "scattered.txt"])
            let ranked = try sources("uy ban nhan dan")
            XCTAssertLessThan(try XCTUnwrap(ranked.firstIndex(of: "adjacent.txt")), try XCTUnwrap(ranked.firstIndex(of: "scattered.txt")),
                              "adjacent words rank first")
        }
    }

    func testANumberFindsItsDocumentFirstAndCitationsBelow() throws {
        try onEveryBackend {
            try add("decision.pdf", "Quy định về văn thư điện tử", type: .vanBanQPPL, number: "28/2018/QĐ-TTg", date: "2018-07-12")
            try add("citing.pdf", """
                Căn cứ Quyết định số 28/2018/QĐ-TTg; thực hiện Quyết định số 28/2018/QĐ-TTg; \
                báo cáo kết quả triển khai Quyết định số 28/2018/QĐ-TTg
                """, type: .baoCao, number: "5/BC-UBND", date: "2019-01-04")
            try add("other28.pdf", "Công văn số 28 về lịch họp", number: "28/UBND-VX", date: "2020-03-02")
            for query in ["28/2018/QĐ-TTg", "28/2018/qd-ttg", "QĐ-TTg 28", "qd-ttg 28", "28/2018/QĐ-TTG"] {
                let found = try sources(query)
                XCTAssertEqual(found.first, "decision.pdf", query)
                XCTAssertTrue(found.contains("citing.pdf"), "the citing document is found too: \(query)")
            }
            let bySerial = try sources("số 28")
            XCTAssertEqual(Set(bySerial.prefix(2)), ["decision.pdf", "other28.pdf"], "both documents numbered 28 come first")
            XCTAssertEqual(try sources("5/BC-UBND").first, "citing.pdf")
        }
    }

    func testFiltersAndSortByDate() throws {
        try onEveryBackend {
            try add("a.pdf", "Kế hoạch chuyển đổi số", type: .keHoach, date: "2019-05-01", agency: "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN") {
                $0.urgency = .khan
            }
            try add("b.pdf", "Kế hoạch chuyển đổi số năm sau", type: .keHoach, date: "2021-02-03", agency: "BAN QUẢN LÝ DI TÍCH CÔN SƠN") {
                $0.secrecy = .mat
                $0.needsReview = true
            }
            try add("c.pdf", "Báo cáo chuyển đổi số", type: .baoCao, date: "2020-08-09", agency: "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN")
            try add("d.pdf", "Nghị định chuyển đổi số", type: .vanBanQPPL, date: "2020-01-01") { $0.legalForm = .nghiDinh }
            let ours = { (found: [String]) in found.filter { ["a.pdf", "b.pdf", "c.pdf", "d.pdf"].contains($0) } }

            XCTAssertEqual(Set(ours(try sources("chuyen doi so") { $0.filters.docTypes = ["ke_hoach"] })), ["a.pdf", "b.pdf"])
            XCTAssertEqual(ours(try sources("chuyen doi so") { $0.filters.legalForms = ["nghi_dinh"] }), ["d.pdf"])
            XCTAssertEqual(Set(ours(try sources("chuyen doi so") { $0.filters.agency = "hung yen" })), ["a.pdf", "c.pdf"])
            XCTAssertEqual(Set(ours(try sources("chuyen doi so") {
                $0.filters.issuedFrom = "2020-01-01"
                $0.filters.issuedTo = "2020-12-31"
            })), ["c.pdf", "d.pdf"])
            XCTAssertEqual(ours(try sources("chuyen doi so") { $0.filters.secrecy = ["mat"] }), ["b.pdf"])
            XCTAssertEqual(ours(try sources("chuyen doi so") { $0.filters.urgency = ["khan"] }), ["a.pdf"])
            XCTAssertEqual(ours(try sources("chuyen doi so") { $0.filters.needsReview = true }), ["b.pdf"])
            XCTAssertEqual(ours(try sources("chuyen doi so") { $0.sort = .newest }), ["b.pdf", "c.pdf", "d.pdf", "a.pdf"])
            XCTAssertEqual(ours(try sources("chuyen doi so") { $0.sort = .oldest }), ["a.pdf", "d.pdf", "c.pdf", "b.pdf"])
            XCTAssertEqual(try sources("") { $0.filters.agency = "di tich con son" }, ["b.pdf"], "filters alone list documents")
        }
    }

    func testFacetsCountTheMatchingDocuments() throws {
        try onEveryBackend {
            try add("a.pdf", "Đề án lưu trữ số", type: .deAn, date: "2019-05-01")
            try add("b.pdf", "Đề án lưu trữ số giai đoạn hai", type: .deAn, date: "2021-02-03")
            try add("c.pdf", "Báo cáo lưu trữ số", type: .baoCao, date: "2021-08-09") { $0.secrecy = .mat }
            let facets = try archive.facets(SearchQuery(text: "\"luu tru so\"", visibleTo: .unrestricted))
            XCTAssertEqual(facets.total, 3)
            XCTAssertEqual(facets.counts["doc_type"], [.init(value: "de_an", count: 2), .init(value: "bao_cao", count: 1)])
            XCTAssertEqual(facets.counts["year"], [.init(value: "2021", count: 2), .init(value: "2019", count: 1)])
            XCTAssertEqual(facets.counts["secrecy"], [.init(value: "mat", count: 1)])
            var filtered = SearchQuery(text: "\"luu tru so\"", visibleTo: .unrestricted)
            filtered.filters.docTypes = ["de_an"]
            XCTAssertEqual(try archive.facets(filtered).counts["year"], [.init(value: "2019", count: 1), .init(value: "2021", count: 1)])
        }
    }

    func testFacetsOfACommonQueryCountTheNewestPagesAndSaySo() throws {
        try onEveryBackend {
            for (source, type, date) in [("a.pdf", DocumentType.deAn, "2019-05-01"), ("b.pdf", .baoCao, "2020-02-03"),
                                         ("c.pdf", .baoCao, "2021-08-09"), ("d.pdf", .baoCao, "2022-01-10")] {
                try add(source, "Hồ sơ lưu trữ số", type: type, date: date)
            }
            let query = SearchQuery(text: "\"luu tru so\"", visibleTo: .unrestricted)
            let all = try archive.facets(query, window: 100, at: archive.changeStamp())
            XCTAssertNil(all.countedWithin)
            XCTAssertEqual(all.total, 4)
            let newest = try archive.facets(query, window: 2, at: archive.changeStamp())
            XCTAssertEqual(newest.countedWithin, 2)
            XCTAssertEqual(newest.counts["year"], [.init(value: "2021", count: 1), .init(value: "2022", count: 1)])
            // The newest pages fill the window even when the filters leave their documents out.
            var deAn = query
            deAn.filters.docTypes = ["de_an"]
            let filtered = try archive.facets(deAn, window: 2, at: archive.changeStamp())
            XCTAssertEqual(filtered.countedWithin, 2)
            XCTAssertEqual(filtered.total, 0)
            XCTAssertEqual(try archive.facets(deAn, window: 100, at: archive.changeStamp()).total, 1)
        }
    }

    func testHitsCarryPageSnippetAndMetadataLine() throws {
        try onEveryBackend {
            var metadata = DocumentMetadata()
            metadata.docType = .baoCao
            metadata.number = "12/BC-SNV"
            metadata.issuedDate = IssuedDate(year: 2020, month: 3, day: 5)
            metadata.agency = "SỞ NỘI VỤ"
            try archive.store(newDocument(metadata, pages: ["Trang một", "Kết quả chỉnh lý tài liệu tồn đọng"], source: "bc.pdf"))
            let hit = try XCTUnwrap(archive.search(SearchQuery(text: "chinh ly tai lieu", visibleTo: .unrestricted)).hits.first)
            XCTAssertEqual(hit.source, "bc.pdf")
            XCTAssertEqual(hit.page, 2)
            XCTAssertEqual(hit.snippet, "Kết quả «chỉnh» «lý» «tài» «liệu» tồn đọng")
            XCTAssertEqual([hit.docType.rawValue, hit.number, hit.issuedDate, hit.agency], ["bao_cao", "12/BC-SNV", "2020-03-05", "SỞ NỘI VỤ"])
        }
    }

    func testSimilarFindsTheSameTextHeldElsewhereFirst() throws {
        try onEveryBackend {
            var factory = DocumentFactory(seed: 77)
            let original = factory.make(.keHoach, pages: 2)
            let id = try archive.store(newDocument(original.metadata, pages: original.pageTexts, source: "so_noi_vu/ke_hoach.pdf"))
            // The same plan as another agency filed it: a rescan with a few OCR slips.
            let rescan = original.pageTexts.map { $0.replacingOccurrences(of: "ư", with: "u").replacingOccurrences(of: "Số:", with: "Sô:") }
            try archive.store(newDocument(original.metadata, pages: rescan, source: "ubnd/ke_hoach_scan.pdf"))
            let similar = try archive.similar(to: id, limit: 5, visibleTo: .unrestricted)
            XCTAssertEqual(similar.first?.source, "ubnd/ke_hoach_scan.pdf")
            XCTAssertFalse(similar.contains { $0.id == id }, "a document is not similar to itself")
            XCTAssertEqual(similar.count, 5)
        }
    }

    func testARareWordWeighsMoreThanOneOnEveryPage() throws {
        try onEveryBackend {
            for index in 0..<60 {
                try add("thong_bao_\(index).pdf", "Thông báo lịch tiếp công dân tuần \(index)")
            }
            // Same length; one repeats the common word, the other the rare one.
            try add("common.pdf", "thông thông thông thông thông thông thông thông thông đê")
            try add("rare.pdf", "thông đê đê đê trong mùa lũ năm ấy vẫn vững")
            XCTAssertEqual(try sources("thong de").first, "rare.pdf",
                           "a word on most pages says little about a page; BM25 needs the pages per word")
        }
    }

    /// Ranking remembers page lengths; a correction indexes the metadata again, at a new
    /// length, and the ranking must then read it afresh.
    func testARankAfterACorrectionIsTheRankAFreshConnectionGives() throws {
        try onEveryBackend {
            let id = try add("subject.pdf", "Trang nội dung", number: "7/KH-UBND") { $0.subject = "Kế hoạch kiểm kê" }
            func score(_ archive: Archive) throws -> Double? {
                try archive.search(SearchQuery(text: "kiem ke", limit: 100, visibleTo: .unrestricted)).hits.first { $0.id == id }?.score
            }
            let before = try XCTUnwrap(score(archive))
            try archive.correct(id, MetadataCorrection(values: [.subject: """
                Kế hoạch kiểm kê tài liệu lưu trữ tồn đọng của các cơ quan, tổ chức trên địa bàn tỉnh trong giai đoạn năm năm tới
                """], correctedBy: "Trần Thị Bình"), visibleTo: .unrestricted)
            let after = try XCTUnwrap(score(archive))
            XCTAssertNotEqual(after, before, "a longer metadata page weighs its words less")
            XCTAssertEqual(after, try score(openArchive(in: folder)))
        }
    }

    /// Words side by side are counted by the ranking from the words' own positions; the
    /// score must be the one FTS5's phrase of the same words gave when it was matched.
    func testWordsInARowScoreAsTheirFTS5PhraseWould() throws {
        try add("row.txt", "Ủy ban nhân dân tỉnh giao Ủy ban nhân dân huyện; ban nhân dân ủy")
        try add("apart.txt", "Nhân dân ủy thác cho ban kiểm tra; ủy ban dân nhân")
        try add("twice.txt", "ban ban ban nhân")
        for words in [["uy", "ban", "nhan", "dan"], ["ban", "nhan"], ["ban", "ban"], ["nhan", "dan", "uy"]] {
            let each = words.map { "\"\($0)\"" }.joined(separator: " AND ")
            let pages = words.indices.map { 7 + $0 * 3 }
            func ranks(_ match: String, _ rank: String) throws -> [Int: Double] {
                Dictionary(uniqueKeysWithValues: try archive.database.prepare("""
                    SELECT rowid AS row, rank AS r FROM page_text WHERE page_text MATCH ? AND rank MATCH ?
                    """).bind([.text(match), .text(rank)]).rows { ($0.int("row"), $0.double("r")) })
            }
            let asPhrase = try ranks("folded : (\(each)) OR folded : (\"\(words.joined(separator: " "))\")",
                                     "sohoa_rank(0, 4, 1, 0, 0, \((pages + [5]).map(String.init).joined(separator: ", ")))")
            let counted = try ranks("folded : (\(each))",
                                    "sohoa_rank(0, 4, 1, \(words.count), 5, \(pages.map(String.init).joined(separator: ", ")))")
            XCTAssertEqual(Set(counted.keys), Set(asPhrase.keys), "\(words)")
            XCTAssertGreaterThan(counted.count, 1, "\(words)")
            for (row, rank) in asPhrase {
                XCTAssertEqual(try XCTUnwrap(counted[row]), rank, accuracy: 1e-9, "\(words), row \(row)")
            }
        }
    }

    /// The same archive on both engines answers alike: the same documents in the same
    /// order, the same scores to nine decimals, the same pages, snippets, facets and
    /// similar documents.
    func testBothEnginesGiveTheSameAnswers() throws {
        var answers: [[String]] = []
        try onEveryBackend {
            try add("a.pdf", "Ủy ban nhân dân tỉnh giao Ủy ban nhân dân huyện; ban nhân dân ủy", number: "28/2018/QĐ-TTg", date: "2018-07-12")
            try add("b.pdf", "Nhân dân ủy thác cho ban kiểm tra; ủy ban dân nhân", date: "2019-03-01", agency: "SỞ NỘI VỤ")
            try add("c.pdf", "ban ban ban nhân; công trình thuỷ lợi Hoà Bình", date: "2020-01-02") { $0.secrecy = .mat }
            var lines: [String] = []
            let texts = ["uy ban nhan dan", "ủy ban nhân dân", "\"ban nhan\"", "ban ban", "nhan dan uy", "thủy lợi", "hoa binh",
                         "quyet dinh", "28/2018/QĐ-TTg", "so 28", "ke hoach kiem ke", "\"van ban\" quy dinh", "Điều 1"]
            for text in texts {
                for sort in SearchSort.allCases {
                    var query = SearchQuery(text: text, limit: 15, visibleTo: .none)
                    query.sort = sort
                    lines += try archive.search(query).hits.map {
                        "\(text) \(sort) \($0.id) p\($0.page ?? 0) \(String(format: "%.9f", $0.score)) \($0.snippet)"
                    }
                }
                let facets = try archive.facets(SearchQuery(text: text, visibleTo: .unrestricted))
                lines.append("\(text) facets \(facets.total) " + facets.counts.sorted { $0.key < $1.key }
                    .map { "\($0.key)=" + $0.value.map { "\($0.value):\($0.count)" }.joined(separator: ",") }.joined(separator: " "))
            }
            for id in try archive.search(SearchQuery(text: "quyet dinh", limit: 3, visibleTo: .unrestricted)).hits.map(\.id) {
                lines += try archive.similar(to: id, limit: 10, visibleTo: .none).map { "similar \(id) \($0.id) \(String(format: "%.9f", $0.score))" }
            }
            answers.append(lines)
        }
        XCTAssertEqual(answers.count, 2)
        XCTAssertGreaterThan(answers[0].count, 200, "the queries find enough to compare")
        XCTAssertEqual(answers[1].count, answers[0].count)
        for (sqlite, server) in zip(answers[0], answers[1]) {
            XCTAssertEqual(server, sqlite)
        }
    }

    func testTermCountsAgreeWithTheIndex() throws {
        try onEveryBackend {
            let pagesWithDe = { try self.archive.database.prepare("SELECT pages FROM term_pages WHERE term = 'de'").rows { $0.int("pages") }.first ?? 0 }
            let before = try pagesWithDe()
            try add("marks.pdf", "ĐÊ ĐIỀU Đê điều; đê-điều (đê) 28/2018/QĐ-TTg thuỷ lợi Ðà Nẵng æ Ω ٣")
            try add("again.pdf", "đê đê đê")
            XCTAssertEqual(try countedTerms(), try indexVocabulary())
            XCTAssertEqual(try pagesWithDe(), before + 2, "đê is on both pages, counted once per page")
        }
    }

    /// A bulk load large enough for helper threads to prepare text while earlier rows go
    /// in: every row must still land under its own document and page.
    func testBulkLoadIndexesEveryPageUnderItsOwnDocument() throws {
        try onEveryBackend {
            var factory = DocumentFactory(seed: 5)
            let documents = (0..<150).map { index in
                let document = factory.make(DocumentFactory.requiredTypes[index % DocumentFactory.requiredTypes.count], pages: 2)
                var pages = document.pageTexts
                pages[1] += " hopso\(index)x"
                return newDocument(document.metadata, pages: pages, source: "bulk/\(index).pdf")
            }
            try archive.store(contentsOf: documents)
            for index in [0, 1, 74, 149] {
                let hits = try archive.search(SearchQuery(text: "hopso\(index)x", visibleTo: .unrestricted)).hits
                XCTAssertEqual(hits.map(\.source), ["bulk/\(index).pdf"])
                XCTAssertEqual(hits.first?.page, 2)
            }
            XCTAssertEqual(try countedTerms(), try indexVocabulary())
        }
    }
}
