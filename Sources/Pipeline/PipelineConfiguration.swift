import Foundation
import Ingest
import OCRStage
import Yams

/// Everything a batch can be told, as read from `pipeline.yaml`.
///
/// A value passed down to the stages, never a global. Keys missing from the file keep the
/// defaults documented in the project's `pipeline.yaml`; unknown keys are an error, so a
/// typo does not silently fall back to a default.
public struct PipelineConfiguration: Sendable, Equatable {
    /// Archive folder, relative to the working directory unless absolute.
    public var archive = "archive"
    public var ocr = OCR()
    public var input = Input()
    public var storage = Storage()
    public var classifier = Classification()
    public var server = Server()
    public var hierarchy = Hierarchy()
    public var records = Records()
    public var queue = Queue()

    public struct OCR: Sendable, Equatable {
        /// Tesseract model(s), `+`-joined.
        public var language = "vie"
        /// OCR workers, one engine and one thread each; 0 means one per core.
        public var workers = 0
        /// Resolution at which PDF pages without a text layer are rendered.
        public var dpi = 300
        /// Folder of `*.traineddata`; nil uses the system's.
        public var dataPath: String?
        /// A page whose recognition runs longer than this is abandoned (through Tesseract's
        /// monitor) and recorded as failed; the batch goes on.
        public var pageTimeoutSeconds = 300.0
        /// What is done to page images before recognition.
        public var cleanup = PageCleanup()
    }

    public struct Input: Sendable, Equatable {
        /// Largest image (or rendered page) accepted, in pixels; guards against decompression bombs.
        public var maxImagePixels = 150_000_000
        /// Skip files and folders whose names start with a dot.
        public var skipHidden = true
        /// Which symbolic links are followed: by default only those leading inside the batch
        /// folder; the others fail with their target named.
        public var followLinks = LinkPolicy.inside
        /// A PDF page counts as having a real text layer when it holds at least this many
        /// non-space characters and is not mostly covered by an image (a scan).
        public var textLayerMinCharacters = 20
        /// Password tried on encrypted PDFs.
        public var pdfPassword: String?
        /// Whether a scan binding many documents is stored as the documents it holds.
        public var splitDocuments = SplitPolicy.auto
        /// `ingest --watch` takes a file once its size and modification time have not
        /// changed for this many seconds: a file still being copied in is left alone.
        public var stableSeconds = 10
    }

    /// `input.split_documents`.
    public enum SplitPolicy: String, Sendable, Equatable {
        /// Each multi-page input is split where documents begin (`DocumentSplitter`).
        case auto
        /// Each input is one document.
        case off
    }

    public struct Storage: Sendable, Equatable {
        /// The batch stops cleanly, before the disk is full, when the archive's file system
        /// has less free space than this (in megabytes, 10^6 bytes).
        public var minFreeMegabytes = 256
        /// Every scanned document also gets a searchable PDF (page images and invisible
        /// text) stored beside its original: the two-layer copy archives hand out.
        public var searchablePDF = true
        /// JPEG quality (1–100) of the page images in searchable PDFs.
        public var searchablePDFQuality = 75
        /// With a PostgreSQL archive, the folder of its files (originals, searchable PDFs),
        /// one that every machine working on the archive mounts. Unused with a folder archive.
        public var files: String?
    }

    public struct Classification: Sendable, Equatable {
        /// The archive's newest learned type model (`sohoa train`) votes beside the rules;
        /// off, the rules decide alone.
        public var learnedModel = true
    }

    /// What `sohoa serve` allows.
    public struct Server: Sendable, Equatable {
        /// Folders under which an archivist may start a batch from the web app; empty, none
        /// may be started there.
        public var ingestRoots: [String] = []
        /// Hours a browser session lasts after its login.
        public var sessionHours = 8
    }

    /// How folders name the levels of the archive (phông → hộp → hồ sơ).
    public struct Hierarchy: Sendable, Equatable {
        /// Which folder is which level; nil reads no levels.
        public var pattern: HierarchyPattern?
        /// The archivist's mục lục hồ sơ (CSV), relative to the batch folder unless absolute.
        public var catalog: String?
    }

    /// What the records office requires before a box may leave the storage room.
    public struct Records: Sendable, Equatable {
        /// A box's originals must have been re-hashed (`sohoa verify`) within this many days.
        public var fixityMaxAgeDays = 30
    }

    /// How pages are shared by the machines of a PostgreSQL archive (`sohoa worker`).
    public struct Queue: Sendable, Equatable {
        /// A page or an assembly whose worker has not beaten for this long goes to another.
        public var leaseSeconds = 120.0
        /// A page begun this many times without finishing fails with its reason.
        public var maxAttempts = 3
    }

    public init() {}

    /// Effective OCR worker count.
    public var workerCount: Int {
        ocr.workers > 0 ? ocr.workers : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// What the intake needs of all this: how to open inputs and hand on their pages.
    /// Plain grey PDF pages are kept for the searchable PDF when one is made.
    public var intake: IntakeOptions {
        IntakeOptions(maxImagePixels: input.maxImagePixels, textLayerMinCharacters: input.textLayerMinCharacters,
                      pdfPassword: input.pdfPassword, dpi: ocr.dpi, dropRed: ocr.cleanup.dropRed,
                      keepsDisplayImage: storage.searchablePDF)
    }

    /// Reads a configuration file.
    public static func load(from url: URL) throws -> PipelineConfiguration {
        let yaml: String
        do {
            yaml = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigurationError("cannot read \(url.path): \(FileKind.reason(error))")
        }
        return try parse(yaml, origin: url.path)
    }

    /// Parses configuration text; `origin` names it in error messages.
    public static func parse(_ yaml: String, origin: String = "configuration") throws -> PipelineConfiguration {
        let root: Any?
        do {
            root = try Yams.load(yaml: yaml)
        } catch {
            throw ConfigurationError("\(origin) is not valid YAML: \(error)")
        }
        var config = PipelineConfiguration()
        guard let root else { return config }
        guard let top = root as? [String: Any] else { throw ConfigurationError("\(origin): expected a mapping at the top") }
        let reader = Reader(origin: origin)
        try reader.only(["archive", "ocr", "input", "storage", "classifier", "server", "hierarchy", "records", "queue"], in: top, at: "")
        config.archive = try reader.string(top, "archive") ?? config.archive
        if let ocr = try reader.section(top, "ocr") {
            try reader.only(["language", "workers", "dpi", "data_path", "page_timeout_seconds", "cleanup"], in: ocr, at: "ocr.")
            config.ocr.language = try reader.string(ocr, "language", at: "ocr.") ?? config.ocr.language
            config.ocr.workers = try reader.int(ocr, "workers", at: "ocr.", range: 0...256) ?? config.ocr.workers
            config.ocr.dpi = try reader.int(ocr, "dpi", at: "ocr.", range: 50...1200) ?? config.ocr.dpi
            config.ocr.dataPath = try reader.string(ocr, "data_path", at: "ocr.")
            config.ocr.pageTimeoutSeconds = try reader.seconds(ocr, "page_timeout_seconds", at: "ocr.") ?? config.ocr.pageTimeoutSeconds
            if let cleanup = try reader.section(ocr, "cleanup") {
                let at = "ocr.cleanup."
                try reader.only(["drop_red", "lift_seals", "reread_seal_zones", "reread_seal_names", "reread_stamp_frames", "orientation", "min_orientation_confidence", "deskew", "min_deskew_degrees", "blank_ink_share",
                                 "binarize", "despeckle", "repair_syllables", "first_page_mark_choices"], in: cleanup, at: at)
                var steps = config.ocr.cleanup
                steps.dropRed = try reader.bool(cleanup, "drop_red", at: at) ?? steps.dropRed
                steps.liftSeals = try reader.bool(cleanup, "lift_seals", at: at) ?? steps.liftSeals
                steps.rereadSealZones = try reader.bool(cleanup, "reread_seal_zones", at: at) ?? steps.rereadSealZones
                steps.rereadSealNames = try reader.bool(cleanup, "reread_seal_names", at: at) ?? steps.rereadSealNames
                steps.rereadStampFrames = try reader.bool(cleanup, "reread_stamp_frames", at: at) ?? steps.rereadStampFrames
                steps.orientation = try reader.bool(cleanup, "orientation", at: at) ?? steps.orientation
                steps.minimumOrientationConfidence = try reader.number(cleanup, "min_orientation_confidence", at: at, range: 0...100)
                    ?? steps.minimumOrientationConfidence
                steps.deskew = try reader.bool(cleanup, "deskew", at: at) ?? steps.deskew
                steps.minimumDeskewDegrees = try reader.number(cleanup, "min_deskew_degrees", at: at, range: 0...45) ?? steps.minimumDeskewDegrees
                steps.blankInkShare = try reader.number(cleanup, "blank_ink_share", at: at, range: 0...0.1) ?? steps.blankInkShare
                steps.binarize = try reader.bool(cleanup, "binarize", at: at) ?? steps.binarize
                steps.despeckle = try reader.bool(cleanup, "despeckle", at: at) ?? steps.despeckle
                steps.repairSyllables = try reader.bool(cleanup, "repair_syllables", at: at) ?? steps.repairSyllables
                steps.firstPageMarkChoices = try reader.bool(cleanup, "first_page_mark_choices", at: at) ?? steps.firstPageMarkChoices
                config.ocr.cleanup = steps
            }
        }
        if let input = try reader.section(top, "input") {
            try reader.only(["max_image_pixels", "skip_hidden", "follow_links", "text_layer_min_characters", "pdf_password",
                             "split_documents", "stable_seconds"], in: input, at: "input.")
            config.input.stableSeconds = try reader.int(input, "stable_seconds", at: "input.", range: 1...86_400) ?? config.input.stableSeconds
            if let split = try reader.string(input, "split_documents", at: "input.") {
                guard let policy = SplitPolicy(rawValue: split) else {
                    throw ConfigurationError("\(reader.origin): 'input.split_documents' must be auto or off")
                }
                config.input.splitDocuments = policy
            }
            config.input.maxImagePixels = try reader.int(input, "max_image_pixels", at: "input.", range: 1...Int.max) ?? config.input.maxImagePixels
            config.input.skipHidden = try reader.bool(input, "skip_hidden", at: "input.") ?? config.input.skipHidden
            if let links = try reader.string(input, "follow_links", at: "input.") {
                guard let policy = LinkPolicy(rawValue: links) else {
                    throw ConfigurationError("\(reader.origin): 'input.follow_links' must be inside or always")
                }
                config.input.followLinks = policy
            }
            config.input.textLayerMinCharacters = try reader.int(input, "text_layer_min_characters", at: "input.", range: 0...100_000) ?? config.input.textLayerMinCharacters
            config.input.pdfPassword = try reader.string(input, "pdf_password", at: "input.")
        }
        if let storage = try reader.section(top, "storage") {
            try reader.only(["min_free_megabytes", "searchable_pdf", "searchable_pdf_quality", "files"], in: storage, at: "storage.")
            config.storage.files = try reader.string(storage, "files") ?? config.storage.files
            config.storage.minFreeMegabytes = try reader.int(storage, "min_free_megabytes", at: "storage.", range: 0...Int.max) ?? config.storage.minFreeMegabytes
            config.storage.searchablePDF = try reader.bool(storage, "searchable_pdf", at: "storage.") ?? config.storage.searchablePDF
            config.storage.searchablePDFQuality = try reader.int(storage, "searchable_pdf_quality", at: "storage.", range: 1...100) ?? config.storage.searchablePDFQuality
        }
        if let classifier = try reader.section(top, "classifier") {
            try reader.only(["learned_model"], in: classifier, at: "classifier.")
            config.classifier.learnedModel = try reader.bool(classifier, "learned_model", at: "classifier.") ?? config.classifier.learnedModel
        }
        if let server = try reader.section(top, "server") {
            try reader.only(["ingest_roots", "session_hours"], in: server, at: "server.")
            config.server.ingestRoots = try reader.strings(server, "ingest_roots", at: "server.") ?? config.server.ingestRoots
            config.server.sessionHours = try reader.int(server, "session_hours", at: "server.", range: 1...168) ?? config.server.sessionHours
        }
        if let hierarchy = try reader.section(top, "hierarchy") {
            try reader.only(["pattern", "catalog"], in: hierarchy, at: "hierarchy.")
            if let pattern = try reader.string(hierarchy, "pattern", at: "hierarchy."), !pattern.isEmpty {
                do {
                    config.hierarchy.pattern = try HierarchyPattern(pattern)
                } catch let error as HierarchyPatternError {
                    throw ConfigurationError("\(reader.origin): 'hierarchy.pattern': \(error)")
                }
            }
            config.hierarchy.catalog = try reader.string(hierarchy, "catalog", at: "hierarchy.")
        }
        if let records = try reader.section(top, "records") {
            try reader.only(["fixity_max_age_days"], in: records, at: "records.")
            config.records.fixityMaxAgeDays = try reader.int(records, "fixity_max_age_days", at: "records.", range: 1...3650)
                ?? config.records.fixityMaxAgeDays
        }
        if let queue = try reader.section(top, "queue") {
            try reader.only(["lease_seconds", "max_attempts"], in: queue, at: "queue.")
            config.queue.leaseSeconds = try reader.seconds(queue, "lease_seconds", at: "queue.") ?? config.queue.leaseSeconds
            config.queue.maxAttempts = try reader.int(queue, "max_attempts", at: "queue.", range: 1...100) ?? config.queue.maxAttempts
        }
        return config
    }

    /// Small typed accessors over Yams' untyped tree, so errors name the key.
    private struct Reader {
        let origin: String

        func only(_ keys: Set<String>, in map: [String: Any], at path: String) throws {
            if let unknown = map.keys.sorted().first(where: { !keys.contains($0) }) {
                throw ConfigurationError("\(origin): unknown key '\(path)\(unknown)' (known: \(keys.sorted().joined(separator: ", ")))")
            }
        }

        func section(_ map: [String: Any], _ key: String) throws -> [String: Any]? {
            guard let value = map[key], !(value is NSNull) else { return nil }
            guard let section = value as? [String: Any] else { throw ConfigurationError("\(origin): '\(key)' must be a mapping") }
            return section
        }

        func string(_ map: [String: Any], _ key: String, at path: String = "") throws -> String? {
            guard let value = map[key], !(value is NSNull) else { return nil }
            if let s = value as? String { return s }
            if let n = value as? Int { return String(n) }
            throw ConfigurationError("\(origin): '\(path)\(key)' must be text")
        }

        func strings(_ map: [String: Any], _ key: String, at path: String) throws -> [String]? {
            guard let value = map[key], !(value is NSNull) else { return nil }
            guard let list = value as? [Any], let texts = list as? [String] else {
                throw ConfigurationError("\(origin): '\(path)\(key)' must be a list of text")
            }
            return texts
        }

        func int(_ map: [String: Any], _ key: String, at path: String, range: ClosedRange<Int>) throws -> Int? {
            guard let value = map[key], !(value is NSNull) else { return nil }
            guard let n = value as? Int, range.contains(n) else {
                throw ConfigurationError("\(origin): '\(path)\(key)' must be a whole number in \(range.lowerBound)…\(range.upperBound)")
            }
            return n
        }

        func seconds(_ map: [String: Any], _ key: String, at path: String) throws -> Double? {
            guard let value = map[key], !(value is NSNull) else { return nil }
            let number = (value as? Double) ?? (value as? Int).map(Double.init)
            guard let number, number > 0, number <= 86_400 else {
                throw ConfigurationError("\(origin): '\(path)\(key)' must be a number of seconds above 0 and at most 86400")
            }
            return number
        }

        func number(_ map: [String: Any], _ key: String, at path: String, range: ClosedRange<Double>) throws -> Double? {
            guard let value = map[key], !(value is NSNull) else { return nil }
            let number = (value as? Double) ?? (value as? Int).map(Double.init)
            guard let number, range.contains(number) else {
                throw ConfigurationError("\(origin): '\(path)\(key)' must be a number in \(range.lowerBound)…\(range.upperBound)")
            }
            return number
        }

        func bool(_ map: [String: Any], _ key: String, at path: String) throws -> Bool? {
            guard let value = map[key], !(value is NSNull) else { return nil }
            guard let b = value as? Bool else { throw ConfigurationError("\(origin): '\(path)\(key)' must be true or false") }
            return b
        }
    }
}

/// A configuration file that cannot be used; the message says which key and why.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
