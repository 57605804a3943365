import DocumentModel
import Foundation

/// A file the archive keeps, with the checksum `sohoa verify` holds it to.
public struct ArchivedFile: Sendable, Equatable {
    /// Relative to the archive folder.
    public var path: String
    public var sha256: SHA256

    public init(path: String, sha256: SHA256) {
        self.path = path
        self.sha256 = sha256
    }
}

/// Searchable PDFs beside scanned originals, and the page images they are made from.
///
/// OCR workers leave each recognised page's image (grey, upright, levelled: the image the
/// word boxes belong to) in `staging/<sha256>/`; when the document is complete the store
/// thread binds them into `derivatives/<2 hex>/<sha256>.pdf` and stores the document
/// naming it. Staged images outlive a killed batch, so resumed pages need no second OCR.
extension Archive {
    static let derivativesFolder = "derivatives"
    static let stagingFolderName = "staging"

    public static func derivativePath(sha256: SHA256) -> String {
        "\(derivativesFolder)/\(sha256.prefix)/\(sha256).pdf"
    }

    /// Where the page images of the input with these bytes wait for its searchable PDF.
    public func stagingFolder(sha256: SHA256) -> URL {
        directory.appendingPathComponent(Archive.stagingFolderName).appendingPathComponent(sha256.rawValue)
    }

    public func stagedImage(sha256: SHA256, page: Int) -> URL {
        stagingFolder(sha256: sha256).appendingPathComponent("\(page).jpg")
    }

    /// Copies an input into the staging folder of its bytes, where every machine working on
    /// a server archive reads its pages (the batch folder may be on one scanning station's
    /// own disk). Byte-exact and atomic, checked against `sha256` as it is copied; a copy
    /// already there is complete, as it was renamed into place. Removed with the staging
    /// folder once its document is stored. Returns its path relative to the archive.
    public func stageOriginal(at url: URL, sha256: SHA256, fileExtension: String) throws -> String {
        let folder = stagingFolder(sha256: sha256)
        let relative = "\(Archive.stagingFolderName)/\(sha256.rawValue)/original.\(fileExtension)"
        let target = directory.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: target.path) { return relative }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".original.\(UUID().uuidString)\(Archive.partialSuffix)")
        do {
            guard try Fingerprint.copy(from: url, to: temporary) == sha256 else { throw ArchiveError.changedWhileReading }
            guard rename(temporary.path, target.path) == 0 else {
                throw ArchiveError.io("cannot move the staged copy into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporary.path)
            throw error
        }
        return relative
    }

    public func removeStaging(sha256: SHA256) {
        try? FileManager.default.removeItem(at: stagingFolder(sha256: sha256))
    }

    /// Removes staged images no unfinished or failed input can use any more (their document
    /// is stored, or the ledger forgot them). Call only while holding the ``ArchiveLock``.
    func removeStaleStaging() throws {
        let staging = directory.appendingPathComponent(Archive.stagingFolderName)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: staging.path) else { return }
        let waiting = Set(try database.prepare("SELECT sha_key FROM inputs WHERE status IN \(InputStatus.sql(.discovered, .failed))").rows { $0.text("sha_key") })
        for name in names where !waiting.contains(name) {
            try? FileManager.default.removeItem(at: staging.appendingPathComponent(name))
        }
    }

    /// Calls `body` with each recognised page the ledger keeps for `input` — only those
    /// `numbered` when given — word boxes included, in page order, one page in memory at
    /// a time.
    public func forEachRecognisedPage(of input: InputID, numbered numbers: Set<Int>? = nil,
                                      _ body: (RecognizedPage) throws -> Void) throws {
        let statement = try database.prepare("""
            SELECT number, result FROM input_pages WHERE input_id = ? AND state = \(PageState.recognised.sql)
                AND (CAST(?2 AS text) IS NULL OR number IN (\(database.dialect.jsonIntegers("?2"))))
            ORDER BY number
            """)
        let filter = numbers.map { Statement.Value.text("[" + $0.sorted().map(String.init).joined(separator: ",") + "]") } ?? .null
        _ = try statement.bind([.int(input.rawValue), filter]).rows { row in
            guard !row.isNull("result") else { return }
            try body(try row.json(RecognizedPage.self, "result", of: .inputPage(input.rawValue, page: row.int("number"))))
        }
    }
}

extension Archive {
    /// The file a stored path names (an original's or a derivative's, relative to the archive
    /// folder), or nil when the path would lead outside the archive folder or names no file:
    /// a damaged or tampered row can never make the archive hand out another file.
    public func storedFile(atRelativePath relative: String) -> URL? {
        let root = directory.standardizedFileURL.resolvingSymlinksInPath().path
        guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.utf8.contains(0),
              !relative.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        let url = URL(fileURLWithPath: root).appendingPathComponent(relative).resolvingSymlinksInPath()
        guard url.path.hasPrefix(root + "/") else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { return nil }
        return url
    }

    /// Where the reading room keeps page images it has rendered, by the document's checksum:
    /// made again from the original or searchable PDF whenever missing.
    public func pageViewFile(sha256: SHA256, page: Int, width: Int) -> URL {
        directory.appendingPathComponent("views/\(sha256.prefix)/\(sha256)-\(page)-\(width).jpg")
    }
}

