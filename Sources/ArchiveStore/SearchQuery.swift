/// A search as an analyst asks it: words, filters on what the documents are, an order.
///
/// Words match with or without diacritics ("quyet dinh" finds "Quyết định", đ included);
/// typed with diacritics, exact-tone matches rank first ("bản" before "bàn"). Text in double
/// quotes matches adjacent syllables. A document number ("28/2018/QĐ-TTg", "QĐ-TTg 28",
/// "số 28") finds the document that bears it first. The text never reaches SQL: it is cut
/// into words and each is quoted for FTS5.
public struct SearchQuery: Sendable, Hashable {
    public var text: String
    public var filters: SearchFilters
    public var sort: SearchSort
    public var limit: Int
    /// Hits to pass over first, for the next page of results.
    public var offset: Int
    /// Who asks: documents above this clearance are not found, counted or shown.
    public var clearance: Clearance

    public init(text: String, filters: SearchFilters = SearchFilters(), sort: SearchSort = .relevance, limit: Int = 20,
                offset: Int = 0, visibleTo clearance: Clearance) {
        self.text = text
        self.filters = filters
        self.sort = sort
        self.limit = limit
        self.offset = offset
        self.clearance = clearance
    }

    static let maximumLength = 1_000
}
