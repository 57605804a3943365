import ArchiveStore
import DocumentModel

// Tests spell ids, fields and codes as the JSON and the database do; a literal that is not
// one stops the test where it is written.

extension DocumentID: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(value) }
}

extension SHA256: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(rawValue: value)! }
}

extension MetadataField: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(rawValue: value)! }
}

extension CorrectedField: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(rawValue: value)! }
}

extension DocumentType: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(rawValue: value)! }
}

extension LegalForm: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(rawValue: value)! }
}

extension Secrecy: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(rawValue: value)! }
}

extension Urgency: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(rawValue: value)! }
}
