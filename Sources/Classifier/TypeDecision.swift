import DocumentModel

/// Combines the type line and the number into one type, and says when they disagree.
///
/// The year segment decides normative vs administrative (the same name, QUYẾT ĐỊNH, can be
/// either). Between a type line and an abbreviation the type line wins: it is printed large
/// and OCR reads it well, while the abbreviation of a công văn names the issuer instead.
struct TypeDecision: Sendable, Equatable {
    var docType: DocumentType
    var legalForm: LegalForm?
    var reasons: [String]

    static func decide(typeLine: TypeLine?, number: DocumentNumber?, hasVV: Bool, agency: String?) -> TypeDecision {
        let abbreviation = number?.groups.first
        if number?.year != nil || typeLine?.onlyNormative == true {
            let fromNumber = number.flatMap { TypeRules.legalForm(forNotation: $0.groups, typeLine: typeLine) }
            var reasons: [String] = []
            if let fromNumber, let fromLine = typeLine?.legalForm, fromNumber != fromLine {
                reasons.append("type line and number abbreviation disagree")
            }
            let form = fromNumber ?? typeLine?.legalForm
            if form == nil { reasons.append(legalFormNotRecognised) }
            return TypeDecision(docType: .vanBanQPPL, legalForm: form, reasons: reasons)
        }
        // A công văn's first group is the issuer ("UBND", "CT" for Cục Thuế), not a type.
        let isIssuer = abbreviation.map { isInitials($0, of: agency) } ?? false
        let fromNumber = isIssuer ? nil : abbreviation.flatMap(TypeRules.type(forAbbreviation:))
        if let typeLine {
            var reasons: [String] = []
            if let fromNumber, let abbreviation, fromNumber != typeLine.docType,
               !TypeRules.differOnlyByBar(abbreviation, typeLine.docType) {
                reasons.append("type line and number abbreviation disagree")
            }
            return TypeDecision(docType: typeLine.docType, legalForm: nil, reasons: reasons)
        }
        if hasVV {
            var reasons: [String] = []
            if let fromNumber {
                reasons.append("number abbreviation suggests \(fromNumber.rawValue) but the document reads as a công văn")
            }
            return TypeDecision(docType: .congVan, legalForm: nil, reasons: reasons)
        }
        if let fromNumber {
            return TypeDecision(docType: fromNumber, legalForm: nil, reasons: [])
        }
        if let number, number.groups.count >= 2 {
            // Issuer-unit symbol ("456/UBND-VP") with no type line: the công văn form.
            return TypeDecision(docType: .congVan, legalForm: nil, reasons: [])
        }
        return TypeDecision(docType: .unknown, legalForm: nil, reasons: [notRecognised])
    }

    static let notRecognised = "document type not recognised"
    static let legalFormNotRecognised = "legal form not recognised"

    /// True when `abbreviation` is the initials of the agency's name ("CT" for CỤC THUẾ).
    private static func isInitials(_ abbreviation: String, of agency: String?) -> Bool {
        guard let agency else { return false }
        let initials = String(agency.split(separator: " ").compactMap(\.first))
        return Fold.key(initials) == Fold.key(abbreviation)
    }
}
