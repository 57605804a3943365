import DocumentModel

enum CopyBlock {
    /// The block's form name (or the "SAO Y BẢN CHÍNH" stamp) closing a line or column of
    /// capitals; its number and date are read from the lines around it.
    /// The mark, and the marks its date was read from in place of digits (see
    /// ``IssuedDateParser/Result/lookAlikes``).
    static func find(in document: DocumentText, dates: IssuedDateParser) -> (mark: CopyMark, dateLookAlikes: String?)? {
        for lines in document.pages {
            for index in lines.indices {
                let line = lines[index]
                guard let form = Set([line.text] + line.columns).lazy.compactMap(form(named:)).first else { continue }
                let around = lines[max(0, index - 2)..<min(lines.count, index + 4)]
                let number = NumberParser.find(in: around)
                let dated = dates.find(in: around)
                return (CopyMark(form: form, number: Fold.clean(number?.number.printed), issuedDate: dated.date), dated.lookAlikes)
            }
        }
        return nil
    }

    /// Whether the line opens a copy's block: the original's signature ends above it.
    static func opens(_ line: TextLine) -> Bool {
        ([line.text] + line.columns).contains { form(named: $0) != nil }
    }

    /// The form a line (or column) names: the name alone, or at the end of a line of
    /// capitals, where OCR runs the copying agency and the name together ("SỞ NỘI VỤ SAO LỤC").
    /// OCR also reads a bold "SAO Y" tightly set as one word ("CỤC THUẾ SAOY"), so a name
    /// counts with its words glued too; no Vietnamese word ends in those letters.
    private static func form(named text: String) -> CopyForm? {
        guard Fold.isUppercase(text, tolerance: 0) else { return nil }
        let key = " " + Fold.key(Fold.trimJunk(text))
        return formNames.first { name in
            key.hasSuffix(" " + name.name) || key.hasSuffix(" " + name.name.filter { $0 != " " })
        }?.form
    }

    private static let formNames: [(name: String, form: CopyForm)] = [
        ("SAO Y BAN CHINH", .saoY), ("SAO Y", .saoY), ("TRICH SAO", .trichSao), ("SAO LUC", .saoLuc),
    ]
}
