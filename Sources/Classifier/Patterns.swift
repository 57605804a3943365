
/// The classifier's regular expressions, built once.
///
/// A regex literal is parsed from its source text every time the expression runs; inline
/// in the rules, that parsing took a quarter of the CPU time of a born-digital batch (the
/// classifier runs on the store thread, where it paced the whole batch). `Regex` is not
/// `Sendable`, yet sharing one is safe: it compiles its program once, atomically, and each
/// match runs on state of its own.
enum Patterns {
    /// Columns of a text line: runs of three or more spaces, or tabs.
    nonisolated(unsafe) static let columnGap = /\s{3,}|\t/
    /// The body begins: "Căn cứ", "Kính gửi".
    nonisolated(unsafe) static let bodyOpening = /^\W*(CAN CU|KINH GUI)/
    /// "Số:" or "ngày 12": the number-and-date line, not an agency line.
    nonisolated(unsafe) static let numberOrDateField = /(?:^|[^A-Z])S[O06Q]\s*[:;]|NGAY\s*[0-9.…]/
    /// Quốc hiệu or Tiêu ngữ, OCR-mangled letters allowed ("CQNG HOA", "ĐỌC LẠP").
    nonisolated(unsafe) static let nationalMotto =
        /C[O0Q]NG\s*H[O0Q]A|XA\s*H[O0Q]I\s*CH|CHU\s*NGH[I1]A|D[O0Q]C\s*L[A4]P|T[U]\s*D[O0Q]\s*[-—–]|H[A4]NH\s*PH[U]C/
    /// Lines that cite another document's date: "Căn cứ", the signature box, "kèm theo … số 12/".
    nonisolated(unsafe) static let citedDate = /CAN CU|THOI GIAN KY|KEM THEO|[^A-Z]SO\s+[0-9]+\s*[\/-]/
    /// "ngày 12 tháng 7 năm 2019", with the digits OCR reads as letters: a serif 1 blurred
    /// reads as I, L, T or "]" ("ngày 0] tháng TT năm 202]").
    nonisolated(unsafe) static let spelledDate =
        /NGA?Y\s*([0-9OILTDS§\] ]{0,6}?)\s*TH[AU]?NG\s*([0-9OILTS§\] ]{0,5}?)\s*NA?M\s*([0-9OIL\]][0-9OILS§\] ]{3,6})/
    /// "Hà Nội, ngày": the place line's opening, found when the date after it is unreadable.
    nonisolated(unsafe) static let placeBeforeDay = /[A-Z],\s*NGA?Y\b/
    /// "Hà Nội, ngàW† tháng 5 năm 2021": the document's own date line, its "ngày" or day
    /// worn or written by hand, still with its month and year words and the year's first
    /// digit (a line broken before its year is joined to the next instead).
    nonisolated(unsafe) static let wornDateLine = /[A-Z],\s*NG\S*.*TH[AU]?NG.*NA?M\s*[0-9OIL\]]/
    /// "Hà Nội, 12/7/2019".
    nonisolated(unsafe) static let numericDate = /[A-Z],\s*([0-9]{1,2})\s*[\/.\-]\s*([0-9]{1,2})\s*[\/.\-]\s*([0-9]{4})(?![0-9])/
    /// The "Số:" label of a document number.
    nonisolated(unsafe) static let numberLabel = /(?:^|[^A-Z0-9])S[O06Q]\s*[:;]|^\W{0,2}S[O06Q]\s/
    /// The prefix of a signing authority: "TM.", "KT.", "TL.", "TUQ.", "Q.".
    nonisolated(unsafe) static let authorityPrefix = /(?:^|[^A-Z])(TM|KT|TL|TUQ|Q)\s*[.,][.,]?\s*(?=[A-Z])/
    /// "Về việc" or "V/v" anywhere in a line.
    nonisolated(unsafe) static let subjectLabel = /VE VIEC|V\s*[\/|]\s*V\b/
    /// "V/v" at the start of a line, OCR-mangled ("V/V", "VIV", "V|v").
    nonisolated(unsafe) static let subjectAbbreviation = /^\W{0,2}V\s*[\/|IL1]\s*[VY](?:\s*[:.])?(?=\s)/
    /// Lines that open the body rather than continue a trích yếu.
    nonisolated(unsafe) static let bodyStart = /^\W*(CAN CU|KINH GUI|THUC HIEN|THEO DE NGHI|NOI NHAN|NGAY\s*[0-9]|SO\s*:)/
    nonisolated(unsafe) static let carryingOut = /^\W*THUC HIEN\s/
    /// A document number closing a line ("… số 39/2011/NQ-HĐND"), folded.
    nonisolated(unsafe) static let citedNumberAtEnd = /[0-9]+\s*\/\s*[0-9A-Z\/-]*[A-Z][0-9A-Z-]*\W?$/
    /// Fields of an incoming stamp ("Ngày:", "Chuyển:") that OCR runs into the trích yếu.
    nonisolated(unsafe) static let stampField = /KINH GUI|(NGAY|CHUYEN|GIO)\s*:/
}
