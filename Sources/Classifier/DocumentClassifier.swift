import DocumentModel
import Foundation

/// Rules over the text of a document's pages (the first page carries the header).
///
/// Layout-free: it reads the lines OCR or a text layer produced, in the order of Nghị định 30
/// (agency and motto, "Số:", place and date, type line, trích yếu, body, signature block).
/// Every rule is a separate type; this one only orders them and decides what needs review.
///
///     let metadata = DocumentClassifier().classify(pages)
///     metadata.docType   // .toTrinh
///     metadata.number    // "24/TTr-UBND"
public struct DocumentClassifier: Sendable {
    /// Dates after this day are OCR misreadings or typos and are rejected.
    public let today: IssuedDate
    /// A learned second opinion on the type (``TypeModel``); nil leaves the rules alone.
    public let model: TypeModel?

    public init(today: IssuedDate? = nil, model: TypeModel? = nil) {
        self.today = today ?? DocumentClassifier.currentDate()
        self.model = model
    }

    public func classify(_ pages: [RecognizedPage]) -> DocumentMetadata {
        let document = DocumentText(pages)
        let firstPage = document.firstPage
        let head = document.head
        var metadata = DocumentMetadata()
        var reasons: [String] = []
        var doubtful: [MetadataField] = []
        func doubt(_ field: MetadataField, _ reason: String) {
            reasons.append(reason)
            if !doubtful.contains(field) { doubtful.append(field) }
        }

        let typeLine = TypeRules.typeLine(in: head)
        // A consolidated text is issued by the block that authenticates it at its end.
        let consolidation = ConsolidationBlock.find(in: document)
        let issuing = consolidation?.lines ?? head
        let number = NumberParser.find(in: issuing, typeLine: typeLine)
        metadata.number = Fold.clean(number?.number.printed)

        let dates = IssuedDateParser(today: today)
        // A short original's head may run down into a copy's block under it, whose date
        // line is the copy's own: the original's date is never read from it.
        let copyBlock = issuing.indices.first { $0 > (number?.lineIndex ?? issuing.startIndex) && CopyBlock.opens(issuing[$0]) }
        let dated = dates.find(in: issuing[..<(copyBlock ?? issuing.endIndex)])
        metadata.issuedDate = dated.date
        metadata.place = dated.place.map(HeaderLexicon.restorePlace)

        let agency = consolidation == nil ? HeaderBlock.find(in: head, numberLine: number?.lineIndex) : nil
        metadata.agency = Fold.clean(consolidation?.agency ?? agency?.agency).map(HeaderLexicon.restore)
        metadata.agencyParent = Fold.clean(agency?.parent).map(HeaderLexicon.restore)
        if let read = number?.number, read.printed != nil,
           let agreeing = NumberParser.agreeing(read, with: [metadata.agency, metadata.agencyParent].compactMap { $0 }) {
            metadata.number = Fold.clean(agreeing.number.printed)
            doubt(.number, agreeing.change)
        }
        for (field, path) in [(MetadataField.agency, \DocumentMetadata.agency), (.agencyParent, \.agencyParent)] {
            guard let name = metadata[keyPath: path], let mended = HeaderLexicon.mendingAbbreviation(name) else { continue }
            metadata[keyPath: path] = HeaderLexicon.restore(mended.name)
            doubt(field, "\(field.rawValue): “\(mended.read)” read as “\(mended.meant)”, a letter off")
        }

        let vvLine = SubjectParser.vvLine(in: head)
        var typing = TypeDecision.decide(typeLine: typeLine, number: number?.number,
                                         hasVV: vvLine != nil, agency: metadata.agency)
        if let model {
            TypeVote.apply(model.predict(document), to: &typing)
        }
        metadata.docType = typing.docType
        metadata.legalForm = typing.legalForm
        for reason in typing.reasons { doubt(.docType, reason) }
        // A consolidated text keeps the type line of what it consolidates, but is no new
        // document of that type: none of Nghị định 30's types, nor a legal form.
        if consolidation != nil {
            let consolidated = typeLine.map { head[$0.lineIndex].text.trimmingCharacters(in: .whitespaces) } ?? "a document"
            metadata.docType = .unknown
            metadata.legalForm = nil
            doubt(.docType, "a consolidated text (văn bản hợp nhất) of “\(consolidated)”: no type of its own")
        }

        if let typeLine {
            metadata.subject = SubjectParser.afterTypeLine(typeLine.lineIndex, in: firstPage)
        } else if consolidation == nil,
                  let start = vvLine ?? number.flatMap({ SubjectParser.aboutLine(after: $0.lineIndex, in: head) }) {
            metadata.subject = SubjectParser.underNumber(start, in: firstPage)
        }

        // A tone or đ stroke OCR slipped in the trích yếu or the agency's name still spells a
        // syllable; the words around it tell. A text layer was typed, not read: left as typed.
        if let page = firstPage.first?.page, document.sources[page] == .ocr {
            if let subject = metadata.subject, let formula = SubjectParser.formulaMended(subject) {
                metadata.subject = formula.mended
                doubt(.subject, "subject: “\(formula.read) việc” read as “Về việc”, the words a trích yếu opens with")
            }
            if let subject = metadata.subject, let quarter = SubjectParser.unreadQuarter(in: subject) {
                doubt(.subject, "subject: “\(quarter)” is no quarter of the year")
            }
            let weighed = Self.weighedSpellings(of: firstPage)
            for (field, path) in [(MetadataField.agency, \DocumentMetadata.agency), (.subject, \.subject)] {
                guard let value = metadata[keyPath: path] else { continue }
                // An agency's name is the gazetteer's and the bodies' to mend.
                let restored = SyllableModel.shipped.restored(value, weighed: field == .subject ? weighed : [:])
                let known = field == .agency ? HeaderLexicon.knownWords(in: value) : []
                let standing = restored.doubts.filter { !known.contains($0.standing.uppercased()) }
                if !standing.isEmpty {
                    let doubts = standing.map { "“\($0.standing)” may be “\($0.twin)”" }
                    doubt(field, "\(field.rawValue): \(doubts.joined(separator: ", ")), as the words beside them would have it")
                }
                guard !restored.changes.isEmpty else { continue }
                metadata[keyPath: path] = restored.text
                let changes = restored.changes.map { "“\($0.read)” read as “\($0.restored)”" }
                doubt(field, "\(field.rawValue): \(changes.joined(separator: ", ")), as the words beside them have it")
            }
            if let subject = metadata.subject {
                let read = Self.recognizedWords(of: subject, in: head)
                // A word of the trích yếu read unsurely, whose other marks the recogniser
                // weighed too: when the counts are silent ("phòng, chồng thiên tai", a comma
                // between), the recogniser's own doubt is all there is.
                let unsure = read.first { word in
                    word.confidence < DocumentClassifier.weighedWordConfidence && word.alternatives?.isEmpty == false
                }
                if let unsure, let other = unsure.alternatives?.first {
                    doubt(.subject, "subject: “\(Fold.trimJunk(unsure.text))” read at \(Int(unsure.confidence))% confidence, and OCR weighed “\(other)”")
                }
                if let numeral = Self.numeralWiderThanRead(in: read) {
                    doubt(.subject, "subject: the numeral “\(numeral.read)” is as wide as \(numeral.strokes) strokes")
                }
            }
        }

        var signerCheck: PersonalNames.Check?
        if let signature = SignatureBlock.find(in: document) {
            if signature.authorityUnread {
                doubt(.signingAuthority, "a line over the signer's position looks like an authority whose prefix could not be read")
            }
            if let word = signature.wordBeforeSigner {
                doubt(.signer, "“\(word)”, right before the signer's name, may be its first word")
            }
            signerCheck = Fold.clean(signature.signer).map(PersonalNames.check)
            metadata.signer = signerCheck?.name
            if metadata.signer != nil, pages.contains(where: { ($0.cleanup?.sealNamesReread ?? 0) > 0 }) {
                doubt(.signer, "the signer's name under the seal was taken from another reading of it: the page's own placed no name")
            }
            metadata.signerTitle = Fold.clean(signature.title).map(HeaderLexicon.restore)
            if let read = metadata.signerTitle, let known = HeaderLexicon.position(aLetterFrom: read) {
                metadata.signerTitle = known
                doubt(.signerTitle, "signer_title “\(read)” read as “\(known)”, a letter off")
            }
            metadata.signingAuthority = Fold.clean(signature.authority).map(HeaderLexicon.restore)
            if let read = metadata.signingAuthority, let known = HeaderLexicon.authority(aLetterFrom: read) {
                metadata.signingAuthority = known
                doubt(.signingAuthority, "signing_authority “\(read)” read as “\(known)”, a letter off")
            }
            deputyRule(&metadata, doubt: doubt)
        }

        let stampLines = Array(firstPage.prefix(DocumentText.headLineLimit))
        let secrecy = Stamps.secrecy(in: stampLines), urgency = Stamps.urgency(in: stampLines)
        metadata.secrecy = secrecy?.value
        metadata.urgency = urgency?.value
        for (field, garbled) in [(MetadataField.secrecy, secrecy?.garbled), (.urgency, urgency?.garbled)] {
            if let garbled { doubt(field, "\(field.rawValue) stamp read as “\(garbled)”, a letter off") }
        }
        let copy = CopyBlock.find(in: document, dates: dates)
        metadata.copy = copy?.mark

        metadata.fieldConfidence = confidences(of: metadata, printedDate: dated.printed, head: Array(head),
                                               issuing: Array(consolidation?.lines ?? []),
                                               firstPage: firstPage, document: document, typeLine: typeLine)

        // The number and the day a signing system stamped into a text-layer page were read
        // by OCR from small raised digits: as sure as that reading, and checked by a person.
        if let page = head.first?.page, let stamped = document.stampedReadings[page] {
            for field in [MetadataField.number, .issuedDate] {
                guard let confidence = metadata.fieldConfidence[field] else { continue }
                metadata.fieldConfidence[field] = min(confidence, stamped / 100)
                // Below the threshold the confidence itself names it, just below.
                guard stamped / 100 >= DocumentClassifier.doubtfulConfidence(of: field) else { continue }
                doubt(field, "\(field.rawValue) read by OCR from the signing system's stamp (confidence \(Int(stamped)))")
            }
        }
        for change in number?.changes ?? [] where metadata.number != nil {
            doubt(.number, change)
        }
        if metadata.number == nil {
            switch number {
            case nil: doubt(.number, "no document number found")
            case let match? where match.handFilled:
                doubt(.number, "the digits before /\(match.number.symbol) look written by hand: not read")
            default: doubt(.number, "document number has no readable sequence digits")
            }
        }
        if metadata.issuedDate == nil {
            doubt(.issuedDate, dated.problem ?? "no issue date found")
        } else if let marks = dated.lookAlikes {
            doubt(.issuedDate, "issue date read from “\(marks)”, marks OCR put for digits")
        }
        if metadata.signingAuthority != nil, metadata.signerTitle == nil {
            doubt(.signerTitle, "signature block has an authority line but no position under it")
        }
        if let copy = metadata.copy, copy.number == nil {
            doubt(.copyNumber, "copy block without its own number")
        }
        if let copy = metadata.copy, copy.issuedDate == nil {
            doubt(.copyIssuedDate, "copy block without its own date")
        } else if let marks = copy?.dateLookAlikes {
            doubt(.copyIssuedDate, "copy's date read from “\(marks)”, marks OCR put for digits")
        }
        for (field, reason) in Plausibility.doubts(about: metadata) {
            doubt(field, reason)
        }
        for reason in (signerCheck?.changes ?? []) + (signerCheck?.doubts ?? []) {
            doubt(.signer, reason)
        }
        if let signer = metadata.signer, let confidence = metadata.fieldConfidence[.signer],
           confidence < DocumentClassifier.nameTwinConfidence, case let twins = PersonalNames.commonTwins(in: signer), !twins.isEmpty {
            let may = twins.map { "“\($0.read)” may be \($0.twin)" }.joined(separator: ", ")
            doubt(.signer, "signer read at \(Int(confidence * 100))% confidence, and \(may), as common a name")
        }
        // By the fields' keys, so the reasons read in one order from run to run.
        // A position spelt exactly as the list has it is vouched for by the list: its bold
        // capitals read with low confidence, and a wrong one is another known position,
        // which the confidence would not tell either.
        let positions: [(MetadataField, String?)] = [(.signerTitle, metadata.signerTitle),
                                                     (.signingAuthority, metadata.signingAuthority.map(SignatureBlock.withoutPrefix))]
        let vouched = Set(positions.compactMap { field, value -> MetadataField? in
            guard let value, HeaderLexicon.position(spelledBy: value) == value else { return nil }
            return field
        })
        for (field, confidence) in metadata.fieldConfidence.sorted(by: { $0.key.rawValue < $1.key.rawValue })
        where confidence < DocumentClassifier.doubtfulConfidence(of: field) && !vouched.contains(field) {
            doubt(field, "\(field.rawValue) read uncertainly (OCR word confidence \(Int(confidence * 100))%)")
        }
        metadata.reviewReasons = reasons
        metadata.reviewFields = doubtful
        metadata.needsReview = !reasons.isEmpty
        return metadata
    }

    /// Below this a field goes to review. Tesseract's word confidence under 60 marks a guess
    /// between look-alikes; on the generated degraded set 0.6% of right fields are flagged,
    /// nearly all by this threshold (BENCHMARKS.md, "Classification").
    static let doubtfulConfidence = 0.6

    /// Below this word confidence (0–100) a subject word whose other marks the recogniser
    /// weighed names the subject. Set on the four tuning draws: 80 caught their one silent
    /// slip the counts missed ("chồng", read at 79.7) for 7 more documents flagged of 648;
    /// 90 caught one more for 30.
    static let weighedWordConfidence = 80.0

    /// Below this a signer whose middle or given name has a tone twin as common (Dũng and
    /// Dung) goes to review: a slip between them leaves a name no list can doubt, and
    /// Tesseract reads most names of a clean signature at 90 or more. Set on the four tuning
    /// draws: it caught the one silent slip of a name they hold ("Mai Tiền Dũng" for Mai
    /// Tiến Dũng, read at 80), for 6 more documents flagged of 648.
    static let nameTwinConfidence = 0.85

    /// The threshold for `field`. Values held to a grammar or a closed list (a number, a
    /// date, a type, a position, an authority, a parent body) are read in bold capitals or
    /// digits, whose confidence runs lower while right, and a wrong one is mostly caught by
    /// its grammar or list: 50 for them. Free text (a name, a subject, an agency, a place)
    /// keeps 60. Set on the four tuning draws: 0.5 added no silent error on any, 0.4 one
    /// (BENCHMARKS.md, issue 20, eighth step).
    static func doubtfulConfidence(of field: MetadataField) -> Double {
        switch field {
        case .number, .issuedDate, .docType, .signerTitle, .signingAuthority, .agencyParent: 0.5
        default: doubtfulConfidence
        }
    }

    private func confidences(of metadata: DocumentMetadata, printedDate: String?, head: [TextLine], issuing: [TextLine],
                             firstPage: [TextLine], document: DocumentText, typeLine: TypeLine?) -> [MetadataField: Double] {
        let header = FieldConfidence(head + issuing)
        let page = FieldConfidence(firstPage)
        let everywhere = FieldConfidence(document.pages.flatMap { $0 })
        let found: [(MetadataField, Double?)] = [
            (.docType, header.of(typeLine.map { head[$0.lineIndex].text } ?? metadata.number)),
            (.number, header.of(metadata.number)),
            // The date's own words, not the number that often shares its row.
            (.issuedDate, metadata.issuedDate == nil ? nil : header.of(printedDate)),
            (.agency, header.of(metadata.agency)),
            (.agencyParent, header.of(metadata.agencyParent)),
            (.subject, page.of(metadata.subject)),
            (.signer, everywhere.of(metadata.signer)),
            (.signerTitle, everywhere.of(metadata.signerTitle)),
            (.signingAuthority, everywhere.of(metadata.signingAuthority)),
        ]
        return Dictionary(uniqueKeysWithValues: found.compactMap { name, value in value.map { (name, $0) } })
    }

    /// A Roman numeral of I's in the trích yếu whose box holds more strokes than were read:
    /// a bold serif face's I's touch at their serifs, and the recogniser reads "quý III" as
    /// "quý II", surely, on every tuning draw (8 of 8, confidence 0 to 90). An I with its
    /// share of the gap is about half as wide as it is tall (0.49 to 0.56 on those boxes),
    /// so the box's width over half its height counts the strokes.
    private static func numeralWiderThanRead(in words: [RecognizedWord]) -> (read: String, strokes: Int)? {
        for word in words {
            let read = Fold.trimJunk(word.text)
            guard (1...3).contains(read.count), read.allSatisfy({ $0 == "I" }) else { continue }
            let height = Double(word.bottom - word.top), width = Double(word.right - word.left)
            guard height > 0 else { continue }
            let strokes = Int((width / (0.52 * height)).rounded())
            if strokes > read.count { return (read, strokes) }
        }
        return nil
    }

    /// The OCR words of `lines` that `subject` holds, punctuation glued to them aside.
    private static func recognizedWords(of subject: String, in lines: some Sequence<TextLine>) -> [RecognizedWord] {
        let words = Set(subject.split(separator: " ").map { Fold.trimJunk(String($0)) })
        return lines.flatMap(\.words).filter { words.contains(Fold.trimJunk($0.text)) }
    }

    /// The other spellings OCR weighed for the words of `lines`, by the syllable read, both
    /// in the syllable model's form; punctuation OCR glued to a word is left off.
    private static func weighedSpellings(of lines: [TextLine]) -> [String: [String]] {
        func syllable(_ word: String) -> String { SyllableModel.key(Fold.trimJunk(word)) }
        let pairs = lines.flatMap(\.words).compactMap { word in
            word.alternatives.map { (syllable(word.text), $0.map(syllable)) }
        }
        return Dictionary(pairs, uniquingKeysWith: +)
    }

    /// Today in Vietnam, where the documents are dated.
    private static func currentDate() -> IssuedDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return IssuedDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? IssuedDate(year: 2000, month: 1, day: 1)!
    }
}

extension DocumentClassifier {
    /// A deputy signs for the head, KT. (Nghị định 30, Phụ lục I, ô 7a). Under "KT. CHỦ
    /// TỊCH" a title of CHỦ TỊCH lost its "PHÓ" to a speck or the seal; a deputy's title
    /// with no authority line lost the line. Each is put back and named for review.
    fileprivate func deputyRule(_ metadata: inout DocumentMetadata, doubt: (MetadataField, String) -> Void) {
        if let authority = metadata.signingAuthority, Fold.key(authority).hasPrefix("KT."),
           let title = metadata.signerTitle, Fold.key(title) == Fold.key(SignatureBlock.withoutPrefix(authority)),
           let deputy = HeaderLexicon.deputy(of: title) {
            metadata.signerTitle = deputy
            doubt(.signerTitle, "signer_title “\(title)” under “\(authority)”: the deputy, \(deputy), signs for the head")
        } else if metadata.signingAuthority == nil, let title = metadata.signerTitle,
                  let head = HeaderLexicon.head(ofDeputy: title) {
            metadata.signingAuthority = "KT. \(head)"
            doubt(.signingAuthority, "no authority line was read; a deputy signs for the head: KT. \(head)")
        }
    }
}
