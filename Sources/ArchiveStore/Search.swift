import Foundation
import VietnameseText

/// A full-text search as a user typed it.
///
/// Words match in any order, with or without diacritics (`quyet dinh` finds `Quyết định`,
/// `đ` included); text in double quotes matches as a phrase. The text never reaches SQL:
/// it is cut into words and each is quoted for FTS5.
public struct SearchQuery: Sendable {
    public var text: String
    public var limit: Int

    public init(text: String, limit: Int = 20) {
        self.text = text
        self.limit = limit
    }

    static let maximumLength = 1_000

    /// The FTS5 MATCH expressions, most exact first, and the folded words to highlight.
    ///
    /// Several plain words are tried first as a phrase, so "quyet dinh" ranks a page that
    /// says "Quyết định" above one that has "giải quyết" and "Nghị định" far apart.
    func ftsPatterns() throws -> (patterns: [String], words: Set<String>) {
        guard text.count <= SearchQuery.maximumLength else { throw ArchiveError.queryTooLong(limit: SearchQuery.maximumLength) }
        let folded = VietnameseText.fold(VietnameseText.normalize(text)).lowercased()
        var groups: [[String]] = []
        var inPhrase = false
        var phrase: [String] = []
        var word = ""
        func endWord() {
            guard !word.isEmpty else { return }
            if inPhrase { phrase.append(word) } else { groups.append([word]) }
            word = ""
        }
        for character in folded {
            if character == "\"" {
                endWord()
                if inPhrase, !phrase.isEmpty { groups.append(phrase) }
                phrase = []
                inPhrase.toggle()
            } else if character.isLetter || character.isNumber {
                word.append(character)
            } else {
                endWord()
            }
        }
        endWord()
        // An unbalanced quote: its words still count, one by one.
        groups += phrase.map { [$0] }
        guard !groups.isEmpty else { throw ArchiveError.emptyQuery }
        let pattern = groups.map { "\"" + $0.joined(separator: " ") + "\"" }.joined(separator: " ")
        let words = Array(groups.joined())
        if groups.count > 1 && groups.allSatisfy({ $0.count == 1 }) {
            return (["\"" + words.joined(separator: " ") + "\"", pattern], Set(words))
        }
        return ([pattern], Set(words))
    }
}

/// One document found by a search, at its best page.
public struct SearchHit: Sendable, Codable, Equatable {
    public var id: String
    /// The input path that stored the document.
    public var source: String
    /// Higher is better (FTS5 bm25, negated).
    public var score: Double
    /// The best-matching page; nil when only the metadata matched.
    public var page: Int?
    /// The original text around the first match, matched words in « ».
    public var snippet: String
    public var docType: String
    public var number: String?
    public var issuedDate: String?
    public var agency: String?

    enum CodingKeys: String, CodingKey {
        case id, source, score, page, snippet, number, agency
        case docType = "doc_type"
        case issuedDate = "issued_date"
    }
}

extension Archive {
    /// Documents matching `query`, best first, each once.
    public func search(_ query: SearchQuery) throws -> [SearchHit] {
        let (patterns, words) = try query.ftsPatterns()
        let limit = max(1, query.limit)
        let lookup = try database.prepare("""
            SELECT document_id, page, bm25(page_index) FROM page_index WHERE page_index MATCH ?
            ORDER BY bm25(page_index) LIMIT ?
            """)
        var matches: [(id: String, page: Int, rank: Double)] = []
        for pattern in patterns {
            matches += try lookup.bind([.text(pattern), .int(limit * 20)])
                .rows { (id: $0.text(0), page: $0.int(1), rank: $0.double(2)) }
        }
        // Best rank first; a page match is shown in preference to a metadata-only match.
        var order: [String] = []
        var best: [String: (page: Int, rank: Double)] = [:]
        for match in matches {
            guard let current = best[match.id] else {
                order.append(match.id)
                best[match.id] = (match.page, match.rank)
                continue
            }
            if current.page == 0 && match.page > 0 { best[match.id] = (match.page, current.rank) }
        }
        var hits: [SearchHit] = []
        let document = try database.prepare("""
            SELECT d.doc_type, d.number, d.issued_date, d.agency, d.subject,
                   (SELECT source FROM inputs i WHERE i.document_id = d.id AND i.status = 'ok' ORDER BY i.id LIMIT 1)
            FROM documents d WHERE d.id = ?
            """)
        let pageText = try database.prepare("SELECT text FROM pages WHERE document_id = ? AND number = ?")
        for id in order {
            let match = (id: id, page: best[id]!.page, rank: best[id]!.rank)
            guard let row = try document.bind([.text(match.id)]).rows({ row in
                (type: row.text(0), number: row.optionalText(1), date: row.optionalText(2), agency: row.optionalText(3),
                 subject: row.optionalText(4), source: row.optionalText(5) ?? "")
            }).first else { continue }
            let text = match.page > 0
                ? try pageText.bind([.text(match.id), .int(match.page)]).rows { $0.text(0) }.first ?? ""
                : [row.number, row.subject, row.agency].compactMap { $0 }.joined(separator: " · ")
            hits.append(SearchHit(
                id: match.id, source: row.source, score: -match.rank, page: match.page > 0 ? match.page : nil,
                snippet: Snippet.make(from: text, highlighting: words), docType: row.type, number: row.number,
                issuedDate: row.date, agency: row.agency))
            if hits.count == limit { break }
        }
        return hits
    }
}

/// Cuts the original, accented text around the first matched word.
///
/// Matching happens on folded text; `VietnameseText.fold` keeps one character per
/// character, so a word's position in the folded text is its position in the original.
enum Snippet {
    static func make(from text: String, highlighting words: Set<String>, before: Int = 10, after: Int = 25) -> String {
        let original = Array(text)
        let folded = Array(VietnameseText.fold(text))
        guard original.count == folded.count else { return String(text.prefix(200)) }
        var tokens: [(range: Range<Int>, matched: Bool)] = []
        var start: Int?
        for index in 0...original.count {
            let isWord = index < original.count && (folded[index].isLetter || folded[index].isNumber)
            if isWord, start == nil { start = index }
            if !isWord, let s = start {
                let word = String(folded[s..<index]).lowercased()
                tokens.append((s..<index, words.contains(word)))
                start = nil
            }
        }
        guard !tokens.isEmpty else { return "" }
        let first = tokens.firstIndex { $0.matched } ?? 0
        let from = max(0, first - before), to = min(tokens.count - 1, first + after)
        var out = from > 0 ? "…" : ""
        var cursor = tokens[from].range.lowerBound
        for token in tokens[from...to] {
            out += String(original[cursor..<token.range.lowerBound])
            let word = String(original[token.range])
            out += token.matched ? "«\(word)»" : word
            cursor = token.range.upperBound
        }
        if to < tokens.count - 1 { out += " …" }
        return out.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
