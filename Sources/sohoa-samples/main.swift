import ArgumentParser
import Classifier
import DocumentModel
import DocumentSynth
import Foundation
import OCRStage

/// Writes the bundled sample set: one small document of each input kind, and its truth.
struct SohoaSamples: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sohoa-samples",
        abstract: "Generate synthetic Nghị định 30 documents (PDF, scanned PDF, PNG, JPEG, TIFF) with ground truth.")

    @Option(help: ArgumentHelp("Folder to write into.", valueName: "dir"))
    var output = "samples"

    @Option(help: "Seed; the same seed writes the same documents.")
    var seed: UInt64 = 2026

    @Option(name: .customLong("scanned-pages"), help: ArgumentHelp(
        "Instead of the sample set, write a benchmark batch of this many scanned pages: half in one long scanned PDF, half as single-page PNGs.",
        valueName: "count"))
    var scannedPages: Int?

    @Option(name: .customLong("text-pages"), help: ArgumentHelp(
        "Instead of the sample set, write a benchmark batch of this many born-digital pages: PDFs with a text layer, 1 to 3 pages each.",
        valueName: "count"))
    var textPages: Int?

    @Option(name: .customLong("evaluation-set"), help: ArgumentHelp(
        "Instead of the sample set, write a classification evaluation set with this many documents of each required class, one of each other Nghị định 30 type for every 4, varied as an archive is (stamps, copies, header shapes): born-digital PDFs in <dir>/clean/docs, degraded scans (200 dpi, skew ≤3°, blur, noise, JPEG q40) in <dir>/degraded/docs, and a truth.jsonl in each of <dir>/clean and <dir>/degraded. A smaller count writes a prefix of a larger one.",
        valueName: "count"))
    var evaluationSet: Int?

    @Option(help: ArgumentHelp(
        "What an --evaluation-set holds: 'archive' (the archive variety in DejaVu Serif, as the first figures were measured on), 'tuning' (far more variety, in the fonts rules may be tuned on), 'tuning-times' (the same variety in a Times clone rules may be tuned on) or 'held-back' (the same variety in a font no rule is tuned on; use a seed never tuned on too).",
        valueName: "split"))
    var split: DocumentSet = .archive

    @Option(help: "Scan resolution of the benchmark batch.")
    var dpi = 300

    func validate() throws {
        if let scannedPages, scannedPages < 2 { throw ValidationError("--scanned-pages must be at least 2") }
        if let textPages, textPages < 1 { throw ValidationError("--text-pages must be at least 1") }
        if let evaluationSet, evaluationSet < 1 { throw ValidationError("--evaluation-set must be at least 1") }
        if [scannedPages, textPages, evaluationSet].compactMap({ $0 }).count > 1 {
            throw ValidationError("--scanned-pages, --text-pages and --evaluation-set write different batches: choose one")
        }
        if split != .archive, evaluationSet == nil { throw ValidationError("--split applies to --evaluation-set only") }
        if split == .plain { throw ValidationError("--split is archive, tuning, tuning-times or held-back") }
        let missing = split.missingFonts
        if !missing.isEmpty {
            throw ValidationError("font not installed: \(missing.joined(separator: ", ")) (scripts/setup-native installs it)")
        }
    }

    func run() throws {
        if let scannedPages {
            return try writeBenchmarkBatch(pages: scannedPages)
        }
        if let textPages {
            return try writeTextLayerBatch(pages: textPages)
        }
        if let evaluationSet {
            return try writeEvaluationSet(perClass: evaluationSet)
        }
        let root = URL(fileURLWithPath: output)
        // Documents and their truth apart, so that `sohoa ingest samples/docs` sees only documents.
        let folder = root.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var factory = DocumentFactory(seed: seed)
        var truth: [String] = []
        func write(_ name: String, _ document: SyntheticDocument, _ body: (URL, SyntheticDocument) throws -> Void) throws {
            try body(folder.appendingPathComponent(name), document)
            truth.append(TruthLine(file: name, document: document).json)
        }
        try write("quyet_dinh_text_layer.pdf", factory.make(.quyetDinh)) {
            try DocumentRenderer.writePDF($1, to: $0)
        }
        try write("ke_hoach_scan.pdf", factory.make(.keHoach)) {
            try DocumentRenderer.writeScannedPDF($1, to: $0, dpi: 200)
        }
        try write("bao_cao_2_pages_scan.pdf", factory.make(.baoCao, pages: 2)) {
            try DocumentRenderer.writeScannedPDF($1, to: $0, dpi: 200)
        }
        try write("cong_van.png", factory.make(.congVan)) {
            try DocumentRenderer.pageImages($1, dpi: 200)[0].writePNG(to: $0.path)
        }
        try write("nghi_dinh_photo.jpg", factory.make(.vanBanQPPL, legalForm: .nghiDinh)) {
            try DocumentRenderer.pageImages($1, dpi: 200)[0].writeJPEG(to: $0.path, quality: 80)
        }
        try write("to_trinh_multipage.tif", factory.make(.toTrinh, pages: 2)) {
            try PageImage.writeTIFF(DocumentRenderer.pageImages($1, dpi: 200), to: $0.path)
        }
        try (truth.joined(separator: "\n") + "\n").write(
            to: root.appendingPathComponent("truth.jsonl"), atomically: true, encoding: .utf8)
        print("wrote \(truth.count) documents to \(folder.path) and their truth to \(root.path)/truth.jsonl")
    }
}

extension SohoaSamples {
    /// Documents of every required type in turn, two pages each (the last one may have one).
    private func documents(pages: Int, factory: inout DocumentFactory) -> [SyntheticDocument] {
        var documents: [SyntheticDocument] = []
        var left = pages
        var types = DocumentFactory.requiredTypes.makeIterator()
        while left > 0 {
            guard let type = types.next() else {
                types = DocumentFactory.requiredTypes.makeIterator()
                continue
            }
            let count = min(2, left)
            documents.append(factory.make(type, pages: count))
            left -= count
        }
        return documents
    }

    func writeBenchmarkBatch(pages: Int) throws {
        let folder = URL(fileURLWithPath: output).appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var factory = DocumentFactory(seed: seed)
        let inPDF = pages / 2
        try DocumentRenderer.writeScannedPDF(documents(pages: inPDF, factory: &factory),
                                             to: folder.appendingPathComponent("box_scan_\(inPDF)_pages.pdf"), dpi: dpi)
        for index in 0..<(pages - inPDF) {
            let requiredTypes = DocumentFactory.requiredTypes
            let document = factory.make(requiredTypes[index % requiredTypes.count])
            let name = String(format: "page_%05d.png", index + 1)
            try DocumentRenderer.pageImages(document, dpi: dpi)[0].writePNG(to: folder.appendingPathComponent(name).path)
        }
        print("wrote \(pages) scanned pages at \(dpi) dpi to \(folder.path): one \(inPDF)-page PDF and \(pages - inPDF) PNG files")
    }
}

extension SohoaSamples {
    func writeTextLayerBatch(pages: Int) throws {
        let folder = URL(fileURLWithPath: output).appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var factory = DocumentFactory(seed: seed)
        var written = 0, files = 0
        while written < pages {
            let requiredTypes = DocumentFactory.requiredTypes
            let document = factory.make(requiredTypes[files % requiredTypes.count], pages: min(1 + files % 3, pages - written))
            files += 1
            try DocumentRenderer.writePDF(document, to: folder.appendingPathComponent(String(format: "van_ban_%05d.pdf", files)))
            written += document.pageCount
        }
        print("wrote \(written) text-layer pages in \(files) PDF files to \(folder.path)")
    }
}

extension SohoaSamples {
    /// The plan of an evaluation set: round by round, one document of each required class
    /// (the normative ones cycling through every legal form), and every fourth round one of
    /// each other type; every fifth round's documents have two pages. Round by round, so
    /// that a smaller set is the start of a larger one.
    static func evaluationPlan(perClass: Int) -> [(type: DocumentType, form: LegalForm?, pages: Int)] {
        var plan: [(DocumentType, LegalForm?, Int)] = []
        for round in 0..<perClass {
            let pages = round % 5 == 4 ? 2 : 1
            for type in DocumentFactory.requiredTypes {
                let form = type == .vanBanQPPL ? LegalForm.allCases[round % LegalForm.allCases.count] : nil
                plan.append((type, form, pages))
            }
            if round % 4 == 0 {
                plan += DocumentFactory.otherTypes.map { ($0, nil, pages) }
            }
        }
        return plan
    }

    func writeEvaluationSet(perClass: Int) throws {
        let root = URL(fileURLWithPath: output)
        let clean = root.appendingPathComponent("clean"), degraded = root.appendingPathComponent("degraded")
        for folder in [clean, degraded] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
        }
        var factory = DocumentFactory(seed: seed, variety: split.variety)
        var skews = SplitMix64(seed: seed ^ 0x5EED_DE64)
        var cleanTruth: [String] = [], degradedTruth: [String] = []
        let plan = SohoaSamples.evaluationPlan(perClass: perClass)
        for (index, item) in plan.enumerated() {
            let document = factory.make(item.type, legalForm: item.form, pages: item.pages)
            // Neutral names: the classifier must not learn the type from the file name.
            let name = String(format: "doc_%04d", index + 1)
            try DocumentRenderer.writePDF(document, to: clean.appendingPathComponent("docs/\(name).pdf"))
            cleanTruth.append(TruthLine(file: "docs/\(name).pdf", document: document).json)
            // As sohoa-bench-ocr's `degraded` condition: 200 dpi, skew within ±3°, blur, noise, JPEG q40.
            let pages = try DocumentRenderer.pageImages(document, dpi: 200).map { page in
                page.rotated(degrees: Double(skews.next() % 600) / 100 - 3)
                    .blurred(radius: 1).addingNoise(sigma: 12, using: &skews).jpegRoundTrip(quality: 40)
            }
            let scan = "docs/\(name).\(pages.count > 1 ? "tif" : "png")"
            if pages.count > 1 {
                try PageImage.writeTIFF(pages, to: degraded.appendingPathComponent(scan).path)
            } else {
                try pages[0].writePNG(to: degraded.appendingPathComponent(scan).path)
            }
            degradedTruth.append(TruthLine(file: scan, document: document).json)
        }
        for (folder, lines) in [(clean, cleanTruth), (degraded, degradedTruth)] {
            try (lines.joined(separator: "\n") + "\n").write(
                to: folder.appendingPathComponent("truth.jsonl"), atomically: true, encoding: .utf8)
        }
        print("wrote \(plan.count) documents (\(perClass) of each required class) to \(clean.path)/docs and \(degraded.path)/docs, each folder with its truth.jsonl")
    }
}

extension DocumentSet: ExpressibleByArgument {}

/// A ground-truth line with the export contract's keys, and the copy's own number and date
/// when the document is a copy.
struct TruthLine {
    let json: String

    init(file: String, document: SyntheticDocument) {
        let m = document.metadata
        let fields: [(String, Any?)] = [
            ("file", file), ("doc_type", m.docType.rawValue), ("legal_form", m.legalForm?.rawValue),
            ("number", m.number), ("issued_date", m.issuedDate?.iso), ("place", m.place), ("agency", m.agency),
            ("agency_parent", m.agencyParent), ("subject", m.subject), ("signer", m.signer),
            ("signer_title", m.signerTitle), ("signing_authority", m.signingAuthority),
            ("secrecy", m.secrecy?.rawValue), ("urgency", m.urgency?.rawValue), ("pages", document.pageCount),
            ("copy", document.copy?.form.rawValue), ("copy_number", document.copy?.number),
            ("copy_issued_date", document.copy?.issuedDate.iso),
        ]
        let object = Dictionary(uniqueKeysWithValues: fields.map { ($0.0, $0.1 ?? NSNull()) })
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        json = String(decoding: data, as: UTF8.self)
    }
}

SohoaSamples.main()
