import DocumentModel
import Foundation

/// What a records office asks of an archive: where inputs sit in phông → hộp → hồ sơ, the
/// hồ sơ as its folders and the mục lục describe them, a document's ordinal in its hồ sơ,
/// and per box whether every page in it is accounted for.
public protocol RecordsOffice: AnyObject {
    /// Records where each input of a batch sits; an input with an empty place is removed
    /// from the hierarchy. Documents take their input's place when they are stored.
    func recordPlaces(batchRoot: String, _ places: [(source: String, place: ArchivalPlace)]) throws
    /// Adds or updates hồ sơ descriptions. A description from the catalogue is never
    /// replaced by one read from a folder name.
    func saveHoSo(_ records: [HoSo], fromCatalog: Bool) throws
    /// A stored document's place, with its ordinal in its hồ sơ (1-based, in the order of
    /// its source names, numbers by value: "2.pdf" before "10.pdf"); nil when its folders
    /// named no level.
    func place(of id: DocumentID) throws -> DocumentPlace?
    /// What a handover package holds: the stored documents of a box, or of one hồ sơ in it
    /// (all documents when both are nil), in the order of their hồ sơ and ordinals, and the
    /// hồ sơ they belong to.
    func packageContents(box: BoxCode?, hoSo: HoSoCode?) throws -> PackageContents
    /// Records why an input of a box that failed may stay unstored: the box report then
    /// counts it as explained. `source` is matched among the inputs found in boxes; a name
    /// found under several batch folders needs `batchRoot`. Returns the input's box.
    func explainFailure(source: String, batchRoot: String?, explanation: String, by person: String) throws -> BoxCode
    /// Every box, in the order of their codes, as the box report counts it: the whole box,
    /// whoever asks, since a box leaves the storage room whole; classified documents are
    /// counted, never named.
    func boxReports() throws -> [BoxReport]
}

/// A document's place in the hierarchy and its rank in its hồ sơ.
public struct DocumentPlace: Sendable, Equatable, Codable {
    public var fonds: String?
    public var box: BoxCode?
    public var hoSo: HoSoCode?
    public var hoSoTitle: String?
    /// Số thứ tự văn bản trong hồ sơ; nil outside a hồ sơ.
    public var ordinal: Int?

    public init(fonds: String? = nil, box: BoxCode? = nil, hoSo: HoSoCode? = nil, hoSoTitle: String? = nil, ordinal: Int? = nil) {
        self.fonds = fonds
        self.box = box
        self.hoSo = hoSo
        self.hoSoTitle = hoSoTitle
        self.ordinal = ordinal
    }

    enum CodingKeys: String, CodingKey {
        case fonds, box, ordinal
        case hoSo = "file_code"
        case hoSoTitle = "file_title"
    }
}

/// The documents and hồ sơ a handover package holds.
public struct PackageContents: Sendable {
    /// A stored document as the package hands it over, with what its event log needs.
    public struct Document: Sendable {
        /// Its metadata (a person's values where corrected), place and sources; not its
        /// pages' texts.
        public var stored: StoredDocument
        public var pageCount: Int
        public var derivativeSHA256: SHA256?
        /// When it was last found intact by `sohoa verify`, as the archive writes times.
        public var verifiedAt: String?
        /// The OCR engine and model of the run that stored it; nil for runs before sohoa
        /// recorded them.
        public var ocrEngine: String?
    }

    public var documents: [Document] = []
    /// The hồ sơ of those documents, each with its description when the archive has one.
    public var hoSo: [HoSo] = []
    /// Every fixity check of the archive, oldest first: (when, files checked, intact).
    public var fixityChecks: [(at: String, files: Int, intact: Bool)] = []
}

/// A box of the storage room, counted so a records office can let it leave.
public struct BoxReport: Sendable {
    /// One hồ sơ of the box: from its folder, its catalogue row, or both.
    public struct HoSoLine: Sendable {
        public var code: HoSoCode
        public var title: String?
        public var retention: String?
        public var documents: Int
        public var pages: Int
        /// In the mục lục, but no input was found in its folder.
        public var onlyInCatalog: Bool
    }

    public struct Failure: Sendable {
        public var source: String
        public var reason: String
        /// A records officer's explanation, when one was given (`sohoa boxes --explain`).
        public var explanation: String?
        public var explainedBy: String?
    }

    public var fonds: String?
    public var box: BoxCode
    public var title: String?
    /// Inputs found in the box's folders, and what became of them.
    public var inputsFound = 0
    public var stored = 0
    public var duplicates = 0
    public var failed: Int { failures.count }
    /// Failed inputs with no explanation: what keeps the box in the storage room.
    public var unexplainedFailures: Int { failures.filter { $0.explanation == nil }.count }
    /// Found, but no run has finished them yet.
    public var unfinished: Int { max(0, inputsFound - stored - duplicates - failed) }
    public var failures: [Failure] = []
    public var documents = 0
    public var pages = 0
    public var blankPages = 0
    /// Documents still on the review list, and the fields they name.
    public var documentsUnderReview = 0
    public var fieldsUnderReview = 0
    /// The oldest of the documents' last intact fixity checks: the box's fixity date.
    /// Nil when a document was never verified (`neverVerified` > 0) or the box holds none.
    public var oldestVerification: Date?
    public var neverVerified = 0
    /// Documents per secrecy mark; each counted whatever the reader's clearance.
    public var classified: [Secrecy: Int] = [:]
    public var hoSo: [HoSoLine] = []

    /// What keeps the box in the storage room, as of `now`; empty when it may leave.
    public func obstacles(fixityMaxAgeDays: Int, now: Date = Date()) -> [BoxObstacle] {
        var obstacles: [BoxObstacle] = []
        if inputsFound == 0 { obstacles.append(.empty) }
        if unexplainedFailures > 0 { obstacles.append(.failedInputs(unexplainedFailures)) }
        if unfinished > 0 { obstacles.append(.unfinishedInputs(unfinished)) }
        let missing = hoSo.filter(\.onlyInCatalog).count
        if missing > 0 { obstacles.append(.hoSoWithoutScans(missing)) }
        if documentsUnderReview > 0 { obstacles.append(.underReview(documents: documentsUnderReview, fields: fieldsUnderReview)) }
        if neverVerified > 0 {
            obstacles.append(.neverVerified(neverVerified))
        } else if let oldest = oldestVerification, now.timeIntervalSince(oldest) > Double(fixityMaxAgeDays) * 86_400 {
            obstacles.append(.fixityTooOld(since: oldest, maxDays: fixityMaxAgeDays))
        }
        return obstacles
    }
}

/// One reason a box may not leave the storage room.
public enum BoxObstacle: Sendable, Equatable {
    /// No input was found in the box's folders.
    case empty
    case failedInputs(Int)
    case unfinishedInputs(Int)
    /// Hồ sơ the mục lục places in the box, with no input found in their folders.
    case hoSoWithoutScans(Int)
    case underReview(documents: Int, fields: Int)
    case neverVerified(Int)
    case fixityTooOld(since: Date, maxDays: Int)
}

extension Archive: RecordsOffice {
    public func recordPlaces(batchRoot: String, _ places: [(source: String, place: ArchivalPlace)]) throws {
        try database.transaction {
            let upsert = try database.prepare("""
                INSERT INTO input_places (batch_root, source, fonds, box, box_title, ho_so, ho_so_title) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (batch_root, source) DO UPDATE SET fonds = excluded.fonds, box = excluded.box,
                    box_title = excluded.box_title, ho_so = excluded.ho_so, ho_so_title = excluded.ho_so_title
                """)
            let remove = try database.prepare("DELETE FROM input_places WHERE batch_root = ? AND source = ?")
            for (source, place) in places {
                if place.isEmpty {
                    try remove.bind([.text(batchRoot), .text(source)]).run()
                } else {
                    try upsert.bind([
                        .text(batchRoot), .text(source), .optional(place.fonds), .optional(place.box?.rawValue),
                        .optional(place.boxTitle), .optional(place.hoSo?.rawValue), .optional(place.hoSoTitle),
                    ]).run()
                }
            }
        }
    }

    public func saveHoSo(_ records: [HoSo], fromCatalog: Bool) throws {
        try database.transaction {
            let save = try database.prepare("""
                INSERT INTO ho_so (fonds, box, code, title, retention, access_mode, language, start_date, end_date, sheets, notes, from_catalog)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (fonds, box, code) DO UPDATE SET title = excluded.title, retention = excluded.retention,
                    access_mode = excluded.access_mode, language = excluded.language, start_date = excluded.start_date,
                    end_date = excluded.end_date, sheets = excluded.sheets, notes = excluded.notes, from_catalog = excluded.from_catalog
                WHERE excluded.from_catalog != 0 OR ho_so.from_catalog = 0
                """)
            for record in records {
                try save.bind([
                    .text(record.fonds ?? ""), .text(record.box?.rawValue ?? ""), .text(record.code.rawValue),
                    .optional(record.title), .optional(record.retention), .optional(record.accessMode), .optional(record.language),
                    .optional(record.startDate), .optional(record.endDate), record.sheets.map { .int($0) } ?? .null,
                    .optional(record.notes), .int(fromCatalog ? 1 : 0),
                ]).run()
            }
        }
    }

    public func place(of id: DocumentID) throws -> DocumentPlace? {
        guard let row = try database.prepare("SELECT fonds, box, ho_so FROM documents WHERE id = ?").bind([.text(id.rawValue)]).rows({
            (fonds: $0.optionalText("fonds"), box: $0.optionalText("box"), hoSo: $0.optionalText("ho_so"))
        }).first, row.fonds != nil || row.box != nil || row.hoSo != nil else { return nil }
        var place = DocumentPlace(fonds: row.fonds, box: row.box.map { BoxCode($0) }, hoSo: row.hoSo.map { HoSoCode($0) })
        if let code = row.hoSo {
            place.hoSoTitle = try database.prepare("SELECT title FROM ho_so WHERE fonds = ? AND box = ? AND code = ?")
                .bind([.text(row.fonds ?? ""), .text(row.box ?? ""), .text(code)]).rows { $0.optionalText("title") }.first ?? nil
            let siblings = try database.prepare("""
                SELECT d.id, i.source, d.source_pages FROM documents d
                JOIN inputs i ON i.sha_key = d.sha256 AND i.status = \(InputStatus.ok.sql)
                WHERE d.ho_so = ? AND \(database.dialect.isSame("d.box")) AND \(database.dialect.isSame("d.fonds"))
                """).bind([.text(code), .optional(row.box), .optional(row.fonds)]).rows(Self.member)
            place.ordinal = Archive.inSourceOrder(siblings).firstIndex(of: id).map { $0 + 1 }
        }
        return place
    }

    /// Every stored document's ordinal in its hồ sơ, for the export.
    func hoSoOrdinals() throws -> [DocumentID: Int] {
        var groups: [String: [Member]] = [:]
        _ = try database.prepare("""
            SELECT d.id, d.fonds, d.box, d.ho_so, i.source, d.source_pages FROM documents d
            JOIN inputs i ON i.sha_key = d.sha256 AND i.status = \(InputStatus.ok.sql) WHERE d.ho_so IS NOT NULL
            """).rows { row in
                let key = [row.optionalText("fonds") ?? "", row.optionalText("box") ?? "", row.text("ho_so")].joined(separator: "\u{0}")
                groups[key, default: []].append(Self.member(row))
            }
        var ordinals: [DocumentID: Int] = [:]
        for members in groups.values {
            for (offset, id) in Archive.inSourceOrder(members).enumerated() { ordinals[id] = offset + 1 }
        }
        return ordinals
    }

    /// A document of a hồ sơ, with what orders it there.
    private typealias Member = (id: DocumentID, source: String, firstPage: Int)

    private static func member(_ row: Statement.Row) -> Member {
        (row.documentID("id"), row.text("source"), row.optionalText("source_pages").flatMap { SourcePages($0)?.first } ?? 1)
    }

    /// Documents in the order of their sources, numbers by value (as ``HoSoCode`` orders),
    /// and those cut from one bound scan in the order of their pages.
    private static func inSourceOrder(_ documents: [Member]) -> [DocumentID] {
        documents.sorted { a, b in
            let x = HoSoCode(a.source), y = HoSoCode(b.source)
            if x != y { return x < y }
            return a.firstPage == b.firstPage ? a.id < b.id : a.firstPage < b.firstPage
        }.map(\.id)
    }

    public func packageContents(box: BoxCode?, hoSo: HoSoCode?) throws -> PackageContents {
        var contents = PackageContents()
        var conditions: [String] = []
        var values: [Statement.Value] = []
        if let box {
            conditions.append("d.box = ?")
            values.append(.text(box.rawValue))
        }
        if let hoSo {
            conditions.append("d.ho_so = ?")
            values.append(.text(hoSo.rawValue))
        }
        let rows = try database.prepare("""
            SELECT d.id, d.derivative_sha256, d.verified_at,
                   (SELECT r.ocr_engine FROM inputs i JOIN runs r ON r.id = i.run_id
                    WHERE i.sha_key = d.sha256 AND i.status = \(InputStatus.ok.sql) LIMIT 1) AS ocr_engine
            FROM documents d \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            """).bind(values).rows { row in
                (id: row.documentID("id"),
                 derivative: row.isNull("derivative_sha256") ? nil : try row.sha256("derivative_sha256", of: .document(row.documentID("id"))),
                 verifiedAt: row.optionalText("verified_at"), ocrEngine: row.optionalText("ocr_engine"))
            }
        for row in rows {
            guard var stored = try document(id: row.id, visibleTo: .unrestricted) else { continue }
            // The pages' texts travel in the PDF/A; a whole archive's would not fit in memory.
            let pageCount = stored.pages.count
            stored.pages = []
            contents.documents.append(PackageContents.Document(
                stored: stored, pageCount: pageCount, derivativeSHA256: row.derivative, verifiedAt: row.verifiedAt,
                ocrEngine: row.ocrEngine))
        }
        contents.documents.sort { a, b in
            let x = a.stored.place, y = b.stored.place
            let left = (x?.box ?? BoxCode(""), x?.hoSo ?? HoSoCode(""), x?.ordinal ?? 0)
            let right = (y?.box ?? BoxCode(""), y?.hoSo ?? HoSoCode(""), y?.ordinal ?? 0)
            return left == right ? a.stored.id < b.stored.id : left < right
        }
        var seen = Set<[String]>()
        let describe = try database.prepare("""
            SELECT title, retention, access_mode, language, start_date, end_date, sheets, notes FROM ho_so
            WHERE fonds = ? AND box = ? AND code = ?
            """)
        for document in contents.documents {
            guard let place = document.stored.place, let code = place.hoSo else { continue }
            let key = [place.fonds ?? "", place.box?.rawValue ?? "", code.rawValue]
            guard seen.insert(key).inserted else { continue }
            var record = HoSo(fonds: place.fonds, box: place.box, code: code)
            _ = try describe.bind(key.map { .text($0) }).rows { row in
                record.title = row.optionalText("title")
                record.retention = row.optionalText("retention")
                record.accessMode = row.optionalText("access_mode")
                record.language = row.optionalText("language")
                record.startDate = row.optionalText("start_date")
                record.endDate = row.optionalText("end_date")
                record.sheets = row.optionalInt("sheets")
                record.notes = row.optionalText("notes")
            }
            contents.hoSo.append(record)
        }
        contents.fixityChecks = try database.prepare("SELECT at, files, intact FROM fixity_checks ORDER BY id").rows {
            (at: $0.text("at"), files: $0.int("files"), intact: $0.bool("intact"))
        }
        return contents
    }

    public func explainFailure(source: String, batchRoot: String?, explanation: String, by person: String) throws -> BoxCode {
        try database.transaction {
            let found = try database.prepare("""
                SELECT p.batch_root, p.box FROM input_places p
                WHERE p.source = ? AND p.box IS NOT NULL AND (CAST(? AS text) IS NULL OR p.batch_root = ?)
                  AND EXISTS (SELECT 1 FROM inputs i WHERE i.batch_root = p.batch_root AND i.source = p.source
                              AND i.status = \(InputStatus.failed.sql))
                """).bind([.text(source), .optional(batchRoot), .optional(batchRoot)]).rows { (root: $0.text("batch_root"), box: $0.text("box")) }
            guard let input = found.first else { throw RecordsOfficeError.noFailedInput(source) }
            guard found.count == 1 else { throw RecordsOfficeError.ambiguous(source, batchRoots: found.map(\.root)) }
            try database.prepare("""
                INSERT INTO input_explanations (batch_root, source, explanation, explained_by, explained_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (batch_root, source) DO UPDATE SET explanation = excluded.explanation,
                    explained_by = excluded.explained_by, explained_at = excluded.explained_at
                """).bind([.text(input.root), .text(source), .text(explanation), .text(person), .text(Archive.now())]).run()
            return BoxCode(input.box)
        }
    }

    public func boxReports() throws -> [BoxReport] {
        var reports: [String: BoxReport] = [:]
        func key(_ fonds: String?, _ box: String) -> String { (fonds ?? "") + "\u{0}" + box }
        // Inputs: every path found in a box's folders, with the newest outcome of each.
        let newest = """
            (SELECT batch_root, source, status, error,
                    row_number() OVER (PARTITION BY batch_root, source ORDER BY last_attempt DESC, id DESC) AS rank
             FROM inputs) i ON i.batch_root = p.batch_root AND i.source = p.source AND i.rank = 1
            """
        _ = try database.prepare("""
            SELECT p.fonds, p.box, max(p.box_title) AS box_title, count(*) AS found,
                   sum(CASE WHEN i.status = \(InputStatus.ok.sql) THEN 1 ELSE 0 END) AS stored, sum(CASE WHEN i.status = \(InputStatus.duplicate.sql) THEN 1 ELSE 0 END) AS duplicates
            FROM input_places p LEFT JOIN \(newest)
            WHERE p.box IS NOT NULL GROUP BY p.fonds, p.box
            """).rows { row in
                var report = BoxReport(fonds: row.optionalText("fonds"), box: BoxCode(row.text("box")), title: row.optionalText("box_title"))
                report.inputsFound = row.int("found")
                report.stored = row.optionalInt("stored") ?? 0
                report.duplicates = row.optionalInt("duplicates") ?? 0
                reports[key(report.fonds, report.box.rawValue)] = report
            }
        _ = try database.prepare("""
            SELECT p.fonds, p.box, i.source, i.error, e.explanation, e.explained_by FROM input_places p
            JOIN \(newest)
            LEFT JOIN input_explanations e ON e.batch_root = p.batch_root AND e.source = p.source
            WHERE p.box IS NOT NULL AND i.status = \(InputStatus.failed.sql) ORDER BY i.source
            """).rows { row in
                reports[key(row.optionalText("fonds"), row.text("box"))]?.failures.append(
                    BoxReport.Failure(source: row.text("source"), reason: row.optionalText("error") ?? "",
                                      explanation: row.optionalText("explanation"), explainedBy: row.optionalText("explained_by")))
            }
        // Documents: counted whatever the reader's clearance, since a box leaves whole.
        _ = try database.prepare("""
            SELECT fonds, box, count(*) AS documents, sum(page_count) AS pages,
                   sum(needs_review) AS under_review, sum(CASE WHEN needs_review != 0 THEN \(database.dialect.jsonArrayLength("review_fields")) ELSE 0 END) AS fields,
                   sum(CASE WHEN verified_at IS NULL THEN 1 ELSE 0 END) AS never_verified, min(verified_at) AS oldest,
                   sum(CASE WHEN secrecy = 'mat' THEN 1 ELSE 0 END) AS mat, sum(CASE WHEN secrecy = 'toi_mat' THEN 1 ELSE 0 END) AS toi_mat,
                   sum(CASE WHEN secrecy = 'tuyet_mat' THEN 1 ELSE 0 END) AS tuyet_mat,
                   (SELECT count(*) FROM pages p JOIN documents e ON e.id = p.document_id
                    WHERE e.box = d.box AND \(database.dialect.same("e.fonds", "d.fonds")) AND p.blank != 0) AS blank
            FROM documents d WHERE box IS NOT NULL GROUP BY fonds, box
            """).rows { row in
                let boxKey = key(row.optionalText("fonds"), row.text("box"))
                var report = reports[boxKey] ?? BoxReport(fonds: row.optionalText("fonds"), box: BoxCode(row.text("box")))
                report.documents = row.int("documents")
                report.pages = row.optionalInt("pages") ?? 0
                report.blankPages = row.int("blank")
                report.documentsUnderReview = row.optionalInt("under_review") ?? 0
                report.fieldsUnderReview = row.optionalInt("fields") ?? 0
                report.neverVerified = row.optionalInt("never_verified") ?? 0
                report.oldestVerification = report.neverVerified > 0 ? nil : row.optionalText("oldest").flatMap { Archive.date($0) }
                for secrecy in Secrecy.allCases {
                    let count = row.optionalInt(secrecy.rawValue) ?? 0
                    if count > 0 { report.classified[secrecy] = count }
                }
                reports[boxKey] = report
            }
        // Hồ sơ: those with documents or inputs, and those the catalogue places in the box.
        var lines: [String: [HoSoCode: BoxReport.HoSoLine]] = [:]
        _ = try database.prepare("""
            SELECT p.fonds, p.box, p.ho_so, count(DISTINCT d.id) AS documents, coalesce(sum(d.page_count), 0) AS pages
            FROM input_places p
            LEFT JOIN inputs i ON i.batch_root = p.batch_root AND i.source = p.source AND i.status = \(InputStatus.ok.sql)
            LEFT JOIN documents d ON d.sha256 = i.sha_key
            WHERE p.box IS NOT NULL AND p.ho_so IS NOT NULL GROUP BY p.fonds, p.box, p.ho_so
            """).rows { row in
                let code = HoSoCode(row.text("ho_so"))
                lines[key(row.optionalText("fonds"), row.text("box")), default: [:]][code] = BoxReport.HoSoLine(
                    code: code, documents: row.int("documents"), pages: row.int("pages"), onlyInCatalog: false)
            }
        _ = try database.prepare("SELECT fonds, box, code, title, retention FROM ho_so WHERE box != ''").rows { row in
            let boxKey = key(row.text("fonds").isEmpty ? nil : row.text("fonds"), row.text("box"))
            guard reports[boxKey] != nil else { return }
            let code = HoSoCode(row.text("code"))
            var line = lines[boxKey]?[code]
                ?? BoxReport.HoSoLine(code: code, documents: 0, pages: 0, onlyInCatalog: true)
            line.title = row.optionalText("title")
            line.retention = row.optionalText("retention")
            lines[boxKey, default: [:]][code] = line
        }
        for (boxKey, byCode) in lines {
            reports[boxKey]?.hoSo = byCode.values.sorted { $0.code < $1.code }
        }
        return reports.values.sorted { ($0.fonds ?? "", $0.box) < ($1.fonds ?? "", $1.box) }
    }
}

/// Why an explanation could not be recorded.
public enum RecordsOfficeError: Error, Equatable, CustomStringConvertible {
    /// No input of that name in a box failed.
    case noFailedInput(String)
    /// The name is found under several batch folders.
    case ambiguous(String, batchRoots: [String])

    public var description: String {
        switch self {
        case .noFailedInput(let source):
            return "no failed input '\(source)' in any box (the name as the box report lists it)"
        case .ambiguous(let source, let roots):
            return "'\(source)' failed under several batch folders (\(roots.joined(separator: ", "))): give --batch"
        }
    }
}
