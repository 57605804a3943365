import Classifier
import DocumentModel

/// Makes synthetic documents, deterministically: the same seed gives the same documents,
/// so tests and benchmarks are repeatable.
///
///     var factory = DocumentFactory(seed: 2026)
///     let decision = factory.make(.quyetDinh)
public struct DocumentFactory: Sendable {
    /// How much documents vary beyond their type.
    public enum Variety: Sendable {
        /// Four agencies, no stamps, no copies: the fixed documents tests and benchmarks
        /// were measured on. Their random stream never changes.
        case plain
        /// What an archive mixes: every header shape, signatures with and without a
        /// TM./KT./TL./TUQ. line, secrecy and urgency stamps, copies (SAO Y, TRÍCH SAO,
        /// SAO LỤC), subjects with and without "Về việc" — for the classifier's evaluation.
        case archive
        /// The archive variety and everything else Nghị định 30 allows and real scans do,
        /// set in one of `fonts`: more agencies and compound issuers, subjects of one to four
        /// lines, a trích yếu followed straight by the body, "Kính gửi" blocks, contact
        /// lines, authorities of one or two lines, stamps in other places and sizes, grey
        /// and red seals over the signature of a scan, other margins, sizes, spacing and
        /// header columns. For the evaluation's tuning and held-back splits.
        case wide(fonts: [String])
    }

    /// The fonts the rules may be tuned on: Debian's DejaVu Serif, FreeSerif and Noto Serif.
    public static let tuningFonts = ["DejaVu Serif", "FreeSerif", "Noto Serif"]
    /// A Times clone the rules may be tuned on too: TeX Gyre Termes (Debian's fonts-texgyre).
    /// Most real documents are set in Times New Roman, and the held-back split showed that
    /// Tesseract slips more tones in a Times face than in the three above. Its own split keeps
    /// the draws made before it the same documents.
    public static let timesFonts = ["TeX Gyre Termes"]
    /// The font of the held-back split, which no rule is tuned on: Liberation Serif, with
    /// the metrics of Times New Roman, the face of most real administrative documents.
    public static let heldBackFonts = ["Liberation Serif"]

    var random: SplitMix64
    let variety: Variety

    public init(seed: UInt64, variety: Variety = .plain) {
        random = SplitMix64(seed: seed)
        self.variety = variety
    }

    /// The 16 administrative types and legal normative documents, the classes sohoa must know.
    public static let requiredTypes: [DocumentType] = [
        .nghiQuyet, .quyetDinh, .chiThi, .quyChe, .quyDinh, .thongCao, .thongBao, .huongDan, .chuongTrinh,
        .keHoach, .phuongAn, .deAn, .duAn, .baoCao, .toTrinh, .congVan, .vanBanQPPL,
    ]

    /// The other 13 administrative types of Nghị định 30, which archives hold too.
    public static let otherTypes: [DocumentType] = DocumentType.allCases.filter {
        $0 != .unknown && !requiredTypes.contains($0)
    }

    public mutating func makeOneOfEachRequiredType() -> [SyntheticDocument] {
        DocumentFactory.requiredTypes.map { make($0) }
    }

    /// A document of `type`; `legalForm` picks the form of a `van_ban_qppl` (default: nghị định).
    public mutating func make(_ type: DocumentType, legalForm: LegalForm? = nil, pages: Int = 1) -> SyntheticDocument {
        let archive: Bool
        switch variety {
        case .plain: archive = false
        case .archive, .wide: archive = true
        }
        let wide = if case .wide = variety { true } else { false }
        var metadata = DocumentMetadata()
        metadata.docType = type
        let sequence = random.next(in: 1...980)
        let year = random.next(in: 2016...2025)
        let date = IssuedDate(year: year, month: random.next(in: 1...12), day: random.next(in: 1...28))!
        metadata.issuedDate = date
        let issuer: Issuer
        var typeLine: String?
        var numberLabel = "Số:"
        var names: [String] = []
        if type == .vanBanQPPL {
            let form = legalForm ?? .nghiDinh
            let normative = Vocabulary.normative[form]!
            issuer = normative.issuer
            typeLine = normative.typeLine
            numberLabel = normative.numberLabel
            names = normative.names
            metadata.legalForm = form
            metadata.number = DocumentFactory.normativeNumber(normative, form: form, sequence: sequence, year: year)
        } else {
            issuer = random.pick(wide ? Vocabulary.wideIssuers : archive ? Vocabulary.archiveIssuers : Vocabulary.issuers)
            let named = Vocabulary.typeNames[type]
            typeLine = named?.name
            if type == .congVan {
                metadata.number = "\(sequence)/\(issuer.abbreviation)-\(random.pick(["VP", "KT", "VX", "NC"]))"
            } else if type != .thuCong {
                metadata.number = "\(sequence)/\(named?.abbreviation ?? "")-\(issuer.abbreviation)"
            }
        }
        metadata.place = issuer.place
        metadata.agency = issuer.agency
        metadata.agencyParent = issuer.parent
        let topic = random.pick(wide ? Vocabulary.wideTopics : archive ? Vocabulary.archiveTopics : Vocabulary.topics)
        metadata.subject = type == .congVan ? topic.capitalizedFirst : "Về việc " + topic
        let signer = random.pick(wide ? Vocabulary.wideSigners : archive ? Vocabulary.archiveSigners : Vocabulary.signers)
        metadata.signer = signer
        metadata.signingAuthority = issuer.authority
        metadata.signerTitle = issuer.signerTitle
        var paragraphs: [String] = []
        for _ in 0..<(3 + 5 * (pages - 1) + pages) {
            paragraphs.append((0..<3).map { _ in random.pick(Vocabulary.sentences) }.joined(separator: " "))
        }
        let citedYear = year - random.next(in: 1...6)
        let citations = [
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Căn cứ Nghị định số \(random.next(in: 10...150))/\(citedYear)/NĐ-CP ngày \(random.next(in: 1...28))/\(random.next(in: 1...12))/\(citedYear) của Chính phủ;",
        ]
        var document = SyntheticDocument(
            metadata: metadata, agencyLines: issuer.lines, parentLine: issuer.parent, typeLine: typeLine,
            citations: type == .congVan ? [] : citations, paragraphs: paragraphs,
            recipients: ["- Như trên;", "- Lưu: VT, \(random.pick(["VP", "TH", "KT"]))."], pageCount: pages)
        document.numberLabel = numberLabel
        if type == .congVan { document.addressees = ["Các sở, ban, ngành tỉnh"] }
        // Everything below draws after the plain documents' draws, so those stay as they were.
        if let subjects = Vocabulary.typedSubjects[type] {
            document.metadata.subject = random.pick(subjects)
        }
        if type == .thuCong {
            document.typeLine = random.pick(Vocabulary.letterTitles)
        }
        if !type.carriesSubject {
            document.metadata.subject = nil
            document.citations = []
        }
        if !names.isEmpty {
            document.metadata.subject = random.pick(names)
        }
        if archive {
            vary(&document, topic: topic)
        }
        if case .wide(let fonts) = variety {
            widen(&document, issuer: issuer, fonts: fonts)
        }
        return document
    }

    /// `64/2025/QH15`, `30/2016/PL-UBTVQH14`, `12/2021/NĐ-CP`; a constitution has no number.
    private static func normativeNumber(_ normative: Vocabulary.Normative, form: LegalForm, sequence: Int, year: Int) -> String? {
        guard form != .hienPhap else { return nil }
        let issuer = normative.issuer.abbreviation
        // Laws and ordinances carry the legislature's term: the 15th sat from 2021, the 14th from 2016.
        let term = issuer.hasSuffix("QH") ? (year >= 2021 ? "15" : "14") : ""
        let symbol = normative.abbreviation.map { "\($0)-\(issuer)" } ?? issuer
        return "\(sequence)/\(year)/\(symbol)\(term)"
    }

    /// The archive variety: subject style, stamps, a copy block.
    private mutating func vary(_ document: inout SyntheticDocument, topic: String) {
        let type = document.metadata.docType
        if type != .congVan, type != .vanBanQPPL, Vocabulary.typedSubjects[type] == nil,
           document.metadata.subject != nil, random.next(in: 0...2) == 0 {
            document.metadata.subject = topic.capitalizedFirst
        }
        if type == .vanBanQPPL, document.metadata.subject?.hasPrefix("Về việc ") == true, random.next(in: 0...1) == 0 {
            document.metadata.subject = "Quy định " + topic
        }
        if random.next(in: 0...9) == 0 {
            document.metadata.secrecy = random.pick(Secrecy.allCases)
        }
        if random.next(in: 0...6) == 0 {
            document.metadata.urgency = random.pick(Urgency.allCases)
        }
        if random.next(in: 0...6) == 0, let original = document.metadata.issuedDate {
            let copier = random.pick(Vocabulary.archiveIssuers)
            let form = random.pick(CopyBlock.Form.allCases)
            let month = random.next(in: original.month...12)
            let day = random.next(in: (month == original.month ? original.day : 1)...28)
            document.copy = CopyBlock(
                form: form, agencyLines: copier.lines,
                number: "\(random.next(in: 1...300))/\(form.printed.abbreviation)-\(copier.abbreviation)",
                place: copier.place, issuedDate: IssuedDate(year: original.year, month: month, day: day)!,
                authority: copier.authority, signerTitle: copier.signerTitle, signer: random.pick(Vocabulary.archiveSigners))
            // Room for the block under the signature on the last page.
            if document.pageCount == 1 { document.paragraphs.removeLast(2) }
        }
    }
}

/// A small, fast, seedable generator (Steele, Lea & Flood's SplitMix64).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[next(in: 0...(items.count - 1))]
    }
}

extension String {
    var capitalizedFirst: String {
        prefix(1).uppercased() + dropFirst()
    }
}
