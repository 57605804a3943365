// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "sohoa",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sohoa", targets: ["sohoa"]),
        .library(name: "SohoaKit", targets: ["SohoaKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // One system-library target per native library; each is wrapped once, in one Swift type.
        .systemLibrary(name: "CTesseract", pkgConfig: "tesseract", providers: [.apt(["libtesseract-dev"])]),
        .systemLibrary(name: "CLeptonica", pkgConfig: "lept", providers: [.apt(["libleptonica-dev"])]),
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev", "libcairo2-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        .target(name: "VietnameseText"),
        // The values that cross stages: pages and words, document metadata, typed identities.
        // No C library, so the rules over text build and test without Tesseract or poppler.
        .target(name: "DocumentModel"),
        .target(name: "OCRStage", dependencies: ["CTesseract", "CLeptonica", "DocumentModel", "VietnameseText"]),
        .target(name: "Classifier", dependencies: ["DocumentModel", "VietnameseText"]),
        .target(name: "ArchiveStore", dependencies: [
            "CSQLite", "Classifier", "DocumentModel", "VietnameseText", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The archive on PostgreSQL, for many machines at once: postgres-nio wrapped once
        // (`PostgresLink`), the schema, and the work queue that shares a batch's pages out.
        .target(name: "PostgresArchive", dependencies: [
            "ArchiveStore", "DocumentModel",
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // poppler-glib and cairo, wrapped once: PDF pages read and rendered, and a safe canvas
        // for the generated documents. Only Swift values and PageImages leave it.
        .target(name: "PDFRendering", dependencies: ["CPoppler", "OCRStage", "VietnameseText"]),
        // The first stage: find inputs, sniff them, open PDFs and images and hand on their
        // pages. It recognises nothing (OCRStage only for PageImage) and stores nothing.
        .target(name: "Ingest", dependencies: ["PDFRendering", "OCRStage", "DocumentModel", "VietnameseText"]),
        // The one orchestrator that knows the order (intake → recognition → classification →
        // searchable PDF → store) and the threads, with the batch's configuration.
        .target(name: "Pipeline", dependencies: [
            "Ingest", "PDFRendering", "OCRStage", "Classifier", "ArchiveStore", "PostgresArchive", "DocumentModel",
            .product(name: "Yams", package: "Yams"),
        ]),
        // Scores exported types and metadata against a truth file (`sohoa evaluate`).
        .target(name: "Evaluation", dependencies: ["Classifier", "DocumentModel", "VietnameseText"]),
        // What the commands do, for the command line and the web server alike: they parse
        // and print, this library opens the archive, runs the request and words the result.
        .target(name: "SohoaKit", dependencies: [
            "Pipeline", "PostgresArchive", "Ingest", "PDFRendering", "OCRStage", "ArchiveStore", "Evaluation", "Classifier", "DocumentModel", "DocumentSynth", "VietnameseText",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        ]),
        // `sohoa serve`: the reading room and review desk over HTTP (Hummingbird), pages in
        // Vietnamese and the JSON API of shared/design/http-api.md, over SohoaKit's ReadingRoom.
        .target(name: "WebServer", dependencies: [
            "SohoaKit", "ArchiveStore", "DocumentModel", "Pipeline", "VietnameseText",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .executableTarget(name: "sohoa", dependencies: [
            "SohoaKit", "WebServer", "Pipeline", "Ingest", "ArchiveStore", "DocumentModel", "OCRStage",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Synthetic Nghị định 30 documents with ground truth, for samples/, tests and benchmarks.
        .target(name: "DocumentSynth", dependencies: ["PDFRendering", "OCRStage", "Classifier"]),
        .executableTarget(name: "sohoa-samples", dependencies: [
            "DocumentSynth", "OCRStage", "Classifier",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // OCR accuracy benchmark: CER and WER of plain tesseract and of sohoa's OCR stage.
        .executableTarget(name: "sohoa-bench-ocr", dependencies: [
            "Pipeline", "PDFRendering", "DocumentSynth", "OCRStage", "VietnameseText",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Bound-scan splitting: boundary precision, recall and F1 (BENCHMARKS.md).
        .executableTarget(name: "sohoa-bench-split", dependencies: [
            "Pipeline", "ArchiveStore", "Classifier", "PDFRendering", "DocumentSynth", "OCRStage", "DocumentModel",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // The work queue's cost to PostgreSQL per page, without OCR (BENCHMARKS.md).
        .executableTarget(name: "sohoa-bench-queue", dependencies: [
            "PostgresArchive", "ArchiveStore", "DocumentModel", "DocumentSynth",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Search benchmark: index build rate and query latency on generated documents.
        .executableTarget(name: "sohoa-bench-search", dependencies: [
            "ArchiveStore", "PostgresArchive", "DocumentSynth", "Classifier", "OCRStage", "VietnameseText",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // What more than one test target needs: temporary folders, batch fixtures, the built
        // binary, the real corpus, hostile and generated inputs. A library only test targets use.
        .target(name: "SohoaTesting", dependencies: ["Pipeline", "Ingest", "ArchiveStore", "DocumentSynth", "OCRStage"]),

        .testTarget(name: "VietnameseTextTests", dependencies: ["VietnameseText"]),
        .testTarget(name: "DocumentModelTests", dependencies: ["DocumentModel"]),
        // The syllable model's tests read generated subjects and corpus-real's truth.
        .testTarget(name: "ClassifierTests", dependencies: ["Classifier", "DocumentSynth", "SohoaTesting"]),
        .testTarget(name: "ArchiveStoreTests", dependencies: ["ArchiveStore", "PostgresArchive", "DocumentSynth", "SohoaTesting"]),
        // Run against a throwaway PostgreSQL cluster that the tests start themselves.
        .testTarget(name: "PostgresArchiveTests", dependencies: ["PostgresArchive", "ArchiveStore", "DocumentModel", "SohoaTesting"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "SohoaTesting"]),
        // Whole batches through the orchestrator, with real Poppler, Leptonica, Tesseract and SQLite.
        .testTarget(name: "PipelineTests", dependencies: [
            "Pipeline", "Ingest", "PDFRendering", "DocumentSynth", "ArchiveStore", "PostgresArchive", "OCRStage", "Classifier", "DocumentModel",
            "SohoaTesting",
        ]),
        // The `sohoa` command as people and scripts run it: they launch the built binary.
        .testTarget(name: "CommandLineTests", dependencies: [
            "SohoaTesting", "ArchiveStore", "PostgresArchive", "Classifier", "DocumentModel", "DocumentSynth", "OCRStage",
        ]),
        .testTarget(name: "DocumentSynthTests", dependencies: ["DocumentSynth", "Classifier"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation"]),
        .testTarget(name: "SohoaKitTests", dependencies: [
            "SohoaKit", "DocumentSynth", "Pipeline", "Ingest", "ArchiveStore", "PDFRendering", "DocumentModel", "SohoaTesting",
            "PostgresArchive",
        ]),
        // The server in process (HummingbirdTesting): every endpoint and every access rule.
        .testTarget(name: "WebServerTests", dependencies: [
            "WebServer", "SohoaKit", "ArchiveStore", "DocumentModel", "DocumentSynth", "Ingest", "SohoaTesting",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "OCRStageTests", dependencies: ["OCRStage", "DocumentSynth", "DocumentModel", "SohoaTesting", "Classifier"]),
    ]
)
