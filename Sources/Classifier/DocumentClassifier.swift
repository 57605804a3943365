import Foundation
import OCRStage

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

        let number = NumberParser.find(in: head)
        metadata.number = Fold.clean(number?.number.printed)

        let dates = IssuedDateParser(today: today)
        let dated = dates.find(in: head)
        metadata.issuedDate = dated.date
        metadata.place = dated.place

        let agency = HeaderBlock.find(in: head, numberLine: number?.lineIndex)
        metadata.agency = Fold.clean(agency?.agency)
        metadata.agencyParent = Fold.clean(agency?.parent)

        let typeLine = TypeRules.typeLine(in: head)
        let vvLine = SubjectParser.vvLine(in: head)
        var typing = TypeDecision.decide(typeLine: typeLine, number: number?.number,
                                         hasVV: vvLine != nil, agency: metadata.agency)
        if let model {
            TypeVote.apply(model.predict(document), to: &typing)
        }
        metadata.docType = typing.docType
        metadata.legalForm = typing.legalForm
        reasons += typing.reasons

        if let typeLine {
            metadata.subject = SubjectParser.afterTypeLine(typeLine.lineIndex, in: firstPage)
        } else if let start = vvLine ?? number.flatMap({ SubjectParser.aboutLine(after: $0.lineIndex, in: head) }) {
            metadata.subject = SubjectParser.underNumber(start, in: firstPage)
        }

        if let signature = SignatureBlock.find(in: document) {
            metadata.signer = Fold.clean(signature.signer)
            metadata.signerTitle = Fold.clean(signature.title)
            metadata.signingAuthority = Fold.clean(signature.authority)
        }

        let stampLines = Array(firstPage.prefix(DocumentText.headLineLimit))
        metadata.secrecy = Stamps.secrecy(in: stampLines)
        metadata.urgency = Stamps.urgency(in: stampLines)
        metadata.copy = CopyBlock.find(in: document, dates: dates)

        if metadata.number == nil {
            reasons.append(number == nil
                ? "no document number found"
                : "document number has no readable sequence digits")
        }
        if metadata.issuedDate == nil {
            reasons.append(dated.problem ?? "no issue date found")
        }
        metadata.reviewReasons = reasons
        metadata.needsReview = !reasons.isEmpty
        return metadata
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
