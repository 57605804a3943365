/// A box (hộp) of the storage room, by the code its label carries ("05" of "Hộp 05").
///
/// Codes are read from folder names and catalogues, so they are only what people wrote:
/// they are compared as written, and never used to build a path.
public struct BoxCode: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// Boxes in the order of their labels: "2" before "10".
    public static func < (lhs: BoxCode, rhs: BoxCode) -> Bool { naturalOrder(lhs.rawValue, rhs.rawValue) }
}

/// A hồ sơ (file) by its mã hồ sơ ("HS017", "003").
public struct HoSoCode: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: HoSoCode, rhs: HoSoCode) -> Bool { naturalOrder(lhs.rawValue, rhs.rawValue) }
}

/// Where an input sits in the archive's hierarchy, phông → hộp → hồ sơ, as its folders
/// say (`hierarchy.pattern` in `pipeline.yaml`). Each level is nil when the folders do
/// not name it.
public struct ArchivalPlace: Hashable, Sendable {
    /// The phông (fonds): the body whose records these are.
    public var fonds: String?
    public var box: BoxCode?
    /// The rest of the box folder's name ("Lưu trữ 2019" of "Hộp 05 - Lưu trữ 2019").
    public var boxTitle: String?
    public var hoSo: HoSoCode?
    /// The rest of the hồ sơ folder's name ("Tài liệu năm 2018").
    public var hoSoTitle: String?

    public init(fonds: String? = nil, box: BoxCode? = nil, boxTitle: String? = nil, hoSo: HoSoCode? = nil, hoSoTitle: String? = nil) {
        self.fonds = fonds
        self.box = box
        self.boxTitle = boxTitle
        self.hoSo = hoSo
        self.hoSoTitle = hoSoTitle
    }

    /// No level is known.
    public var isEmpty: Bool { fonds == nil && box == nil && hoSo == nil }
}

/// A hồ sơ as the archive describes it: from its folder's name, and from the archivist's
/// mục lục hồ sơ when one is given (its values win).
public struct HoSo: Hashable, Sendable {
    public var fonds: String?
    public var box: BoxCode?
    public var code: HoSoCode
    /// Tiêu đề hồ sơ.
    public var title: String?
    /// Thời hạn bảo quản: "Vĩnh viễn", "20 năm"…, as the catalogue writes it.
    public var retention: String?
    /// Chế độ sử dụng: "Hạn chế", "Công khai"…
    public var accessMode: String?
    public var language: String?
    /// Thời gian bắt đầu and kết thúc, as written ("01/2018", "2018-12-31").
    public var startDate: String?
    public var endDate: String?
    /// Số lượng tờ, when the catalogue counts the sheets.
    public var sheets: Int?
    public var notes: String?

    public init(fonds: String? = nil, box: BoxCode? = nil, code: HoSoCode, title: String? = nil) {
        self.fonds = fonds
        self.box = box
        self.code = code
        self.title = title
    }
}

/// Text compared with its runs of digits as numbers: "Hộp 2" < "Hộp 10", "HS007" == "HS7" in order.
private func naturalOrder(_ lhs: String, _ rhs: String) -> Bool {
    var left = Array(lhs.unicodeScalars)[...]
    var right = Array(rhs.unicodeScalars)[...]
    func number(_ scalars: inout ArraySlice<Unicode.Scalar>) -> (value: [UInt8], width: Int) {
        var digits: [UInt8] = []
        while let first = scalars.first, first.properties.numericType == .decimal, first.isASCII {
            digits.append(UInt8(first.value))
            scalars.removeFirst()
        }
        let width = digits.count
        while digits.first == UInt8(ascii: "0") { digits.removeFirst() }
        return (digits, width)
    }
    while let a = left.first, let b = right.first {
        if a.isASCII, b.isASCII, (48...57).contains(a.value), (48...57).contains(b.value) {
            let x = number(&left), y = number(&right)
            if x.value.count != y.value.count { return x.value.count < y.value.count }
            if x.value != y.value { return x.value.lexicographicallyPrecedes(y.value) }
            if x.width != y.width { return x.width < y.width }
            continue
        }
        if a != b { return a.value < b.value }
        left.removeFirst()
        right.removeFirst()
    }
    return left.isEmpty && !right.isEmpty
}

/// The pages of an input that one document was cut from, when a bound scan held several
/// (`source_pages` in the export): 1-based, both ends included, written "3-7".
public struct SourcePages: Hashable, Sendable, Codable, CustomStringConvertible {
    public let first: Int
    public let last: Int

    public init(_ pages: ClosedRange<Int>) {
        first = pages.lowerBound
        last = pages.upperBound
    }

    /// "3-7"; nil unless it is two page numbers in order.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let first = Int(parts[0]), let last = Int(parts[1]), first >= 1, first <= last else { return nil }
        self.first = first
        self.last = last
    }

    public var description: String { "\(first)-\(last)" }
    public var count: Int { last - first + 1 }

    /// The input's page that is page `number` (1-based) of the document.
    public func sourcePage(_ number: Int) -> Int { first + number - 1 }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let pages = SourcePages(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not pages as 3-7"))
        }
        self = pages
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
