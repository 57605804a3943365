import ArgumentParser
import Classifier
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

    @Option(help: "Scan resolution of the benchmark batch.")
    var dpi = 300

    func validate() throws {
        if let scannedPages, scannedPages < 2 { throw ValidationError("--scanned-pages must be at least 2") }
        if let textPages, textPages < 1 { throw ValidationError("--text-pages must be at least 1") }
        if scannedPages != nil && textPages != nil { throw ValidationError("--scanned-pages and --text-pages write different batches: choose one") }
    }

    func run() throws {
        if let scannedPages {
            return try writeBenchmarkBatch(pages: scannedPages)
        }
        if let textPages {
            return try writeTextLayerBatch(pages: textPages)
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

/// A ground-truth line with the export contract's keys.
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
        ]
        let object = Dictionary(uniqueKeysWithValues: fields.map { ($0.0, $0.1 ?? NSNull()) })
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        json = String(decoding: data, as: UTF8.self)
    }
}

SohoaSamples.main()
