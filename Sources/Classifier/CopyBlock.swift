/// How a copy was made (Nghị định 30/2020, Điều 25): a full copy, an extract, or a copy
/// made from a copy.
public enum CopyForm: String, Sendable, Codable, CaseIterable {
    case saoY = "sao_y"
    case trichSao = "trich_sao"
    case saoLuc = "sao_luc"
}

/// The copy block under a copied document (Phụ lục I, Phần II): the copying agency, the
/// form's name, the copy's own number and date, its signer. The document keeps the
/// original's type and metadata; these fields say it is a copy.
public struct CopyMark: Sendable, Codable, Equatable {
    public var form: CopyForm
    /// The copy's own number (`14/SL-UBND`), not the original's.
    public var number: String?
    public var issuedDate: IssuedDate?

    public init(form: CopyForm, number: String?, issuedDate: IssuedDate?) {
        self.form = form
        self.number = number
        self.issuedDate = issuedDate
    }
}

enum CopyBlock {
    /// The block's form name (or the "SAO Y BẢN CHÍNH" stamp) closing a line or column of
    /// capitals; its number and date are read from the lines around it.
    static func find(in document: DocumentText, dates: IssuedDateParser) -> CopyMark? {
        for lines in document.pages {
            for index in lines.indices {
                let line = lines[index]
                guard let form = Set([line.text] + line.columns).lazy.compactMap(form(named:)).first else { continue }
                let around = lines[max(0, index - 2)..<min(lines.count, index + 4)]
                let number = NumberParser.find(in: around)
                return CopyMark(form: form, number: Fold.clean(number?.number.printed),
                                issuedDate: dates.find(in: around).date)
            }
        }
        return nil
    }

    /// The form a line (or column) names: the name alone, or at the end of a line of
    /// capitals, where OCR runs the copying agency and the name together ("SỞ NỘI VỤ SAO LỤC").
    private static func form(named text: String) -> CopyForm? {
        guard Fold.isUppercase(text, tolerance: 0) else { return nil }
        let key = " " + Fold.key(Fold.trimJunk(text))
        return formNames.first { key.hasSuffix(" " + $0.name) }?.form
    }

    private static let formNames: [(name: String, form: CopyForm)] = [
        ("SAO Y BAN CHINH", .saoY), ("SAO Y", .saoY), ("TRICH SAO", .trichSao), ("SAO LUC", .saoLuc),
    ]
}
