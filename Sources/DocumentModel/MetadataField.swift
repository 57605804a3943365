/// A metadata field of a document, named once for every place that names one: the export,
/// corrections and their audit trail, the review list, field confidence and the evaluation.
///
/// Raw values are the export contract's keys (`shared/design/export-contract.md`); never
/// rename one. `allCases` is the contract's order.
public enum MetadataField: String, Sendable, Codable, CaseIterable, CodingKeyRepresentable, Comparable {
    case docType = "doc_type"
    case legalForm = "legal_form"
    case number
    case issuedDate = "issued_date"
    case place
    case agency
    case agencyParent = "agency_parent"
    case subject
    case signer
    case signerTitle = "signer_title"
    case signingAuthority = "signing_authority"
    case secrecy
    case urgency
    /// The copy's form (`sao_y`, `trich_sao`, `sao_luc`) when the document is a copy.
    case copy
    case copyNumber = "copy_number"
    case copyIssuedDate = "copy_issued_date"

    /// The fields read from the document itself, which a person may correct; the copy's own
    /// fields follow them in the contract's order.
    public static let documentFields: [MetadataField] = [
        .docType, .legalForm, .number, .issuedDate, .place, .agency, .agencyParent, .subject,
        .signer, .signerTitle, .signingAuthority, .secrecy, .urgency,
    ]

    /// The copy block's fields (SAO Y, TRÍCH SAO, SAO LỤC).
    public static let copyFields: [MetadataField] = [.copy, .copyNumber, .copyIssuedDate]

    /// Contract order.
    public static func < (lhs: MetadataField, rhs: MetadataField) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

extension DocumentMetadata {
    /// The field's value as the export writes it: a code, an ISO date or NFC text.
    public func value(of field: MetadataField) -> String? {
        switch field {
        case .docType: docType.rawValue
        case .legalForm: legalForm?.rawValue
        case .number: number
        case .issuedDate: issuedDate?.iso
        case .place: place
        case .agency: agency
        case .agencyParent: agencyParent
        case .subject: subject
        case .signer: signer
        case .signerTitle: signerTitle
        case .signingAuthority: signingAuthority
        case .secrecy: secrecy?.rawValue
        case .urgency: urgency?.rawValue
        case .copy: copy?.form.rawValue
        case .copyNumber: copy?.number
        case .copyIssuedDate: copy?.issuedDate?.iso
        }
    }
}
