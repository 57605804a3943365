import Classifier

/// Makes synthetic documents, deterministically: the same seed gives the same documents,
/// so tests and benchmarks are repeatable.
///
///     var factory = DocumentFactory(seed: 2026)
///     let decision = factory.make(.quyetDinh)
public struct DocumentFactory: Sendable {
    private var random: SplitMix64

    public init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// The 16 administrative types and legal normative documents, the classes sohoa must know.
    public static let requiredTypes: [DocumentType] = [
        .nghiQuyet, .quyetDinh, .chiThi, .quyChe, .quyDinh, .thongCao, .thongBao, .huongDan, .chuongTrinh,
        .keHoach, .phuongAn, .deAn, .duAn, .baoCao, .toTrinh, .congVan, .vanBanQPPL,
    ]

    public mutating func makeOneOfEachRequiredType() -> [SyntheticDocument] {
        DocumentFactory.requiredTypes.map { make($0) }
    }

    /// A document of `type`; `legalForm` picks the form of a `van_ban_qppl` (default: nghị định).
    public mutating func make(_ type: DocumentType, legalForm: LegalForm? = nil, pages: Int = 1) -> SyntheticDocument {
        var metadata = DocumentMetadata()
        metadata.docType = type
        let sequence = random.next(in: 1...980)
        let year = random.next(in: 2016...2025)
        let date = IssuedDate(year: year, month: random.next(in: 1...12), day: random.next(in: 1...28))!
        metadata.issuedDate = date
        let issuer: Issuer
        let typeLine: String?
        if type == .vanBanQPPL {
            let form = legalForm ?? .nghiDinh
            let normative = Vocabulary.normative[form] ?? Vocabulary.normative[.nghiDinh]!
            issuer = normative.issuer
            typeLine = normative.typeLine
            metadata.legalForm = form
            metadata.number = "\(sequence)/\(year)/\(normative.abbreviation)-\(issuer.abbreviation)"
        } else {
            issuer = random.pick(Vocabulary.issuers)
            let named = Vocabulary.typeNames[type]
            typeLine = named?.name
            if type == .congVan {
                metadata.number = "\(sequence)/\(issuer.abbreviation)-\(random.pick(["VP", "KT", "VX", "NC"]))"
            } else {
                metadata.number = "\(sequence)/\(named?.abbreviation ?? "")-\(issuer.abbreviation)"
            }
        }
        metadata.place = issuer.place
        metadata.agency = issuer.agency
        metadata.agencyParent = issuer.parent
        let topic = random.pick(Vocabulary.topics)
        metadata.subject = type == .congVan ? topic.capitalizedFirst : "Về việc " + topic
        let signer = random.pick(Vocabulary.signers)
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
        return SyntheticDocument(
            metadata: metadata, agencyLines: issuer.lines, parentLine: issuer.parent, typeLine: typeLine,
            citations: type == .congVan ? [] : citations, paragraphs: paragraphs,
            recipients: ["- Như trên;", "- Lưu: VT, \(random.pick(["VP", "TH", "KT"]))."], pageCount: pages)
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
