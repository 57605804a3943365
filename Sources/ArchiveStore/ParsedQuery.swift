import VietnameseText

/// A query cut into words and phrases, in both index forms. The user's text never
/// reaches SQL: only these words, each quoted, make the FTS5 expression.
struct ParsedQuery {
    /// Words or quoted phrases, folded.
    var groups: [[String]] = []
    /// The same, tones kept (lower case, one tone placement).
    var exactGroups: [[String]] = []
    var hasMarks = false
    var number: NumberPattern?

    /// Folded words to highlight in snippets.
    var highlighted: Set<String> { Set(groups.joined()) }

    init(_ text: String) throws {
        guard text.count <= SearchQuery.maximumLength else { throw ArchiveError.queryTooLong(limit: SearchQuery.maximumLength) }
        if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control && !"\t\n\r".unicodeScalars.contains($0) }) {
            throw ArchiveError.controlCharacter(control.value)
        }
        number = NumberPattern(text)
        let exact = SearchIndex.exact(text).lowercased()
        var inPhrase = false
        var phrase: [String] = []
        var word = ""
        func endWord() {
            guard !word.isEmpty else { return }
            if inPhrase { phrase.append(word) } else { exactGroups.append([word]) }
            word = ""
        }
        for character in exact {
            if character == "\"" {
                endWord()
                if inPhrase, !phrase.isEmpty { exactGroups.append(phrase) }
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
        exactGroups += phrase.map { [$0] }
        groups = exactGroups.map { $0.map { VietnameseText.fold($0) } }
        hasMarks = groups != exactGroups
        if groups.isEmpty && number == nil && !text.isEmpty && !text.allSatisfy(\.isWhitespace) {
            throw ArchiveError.emptyQuery
        }
    }

    /// The FTS5 expression: every word or phrase folded (so any spelling matches), and the
    /// exact-tone form when the query has marks (exact spellings rank higher); nil without
    /// words. Words side by side rank higher too, but that is counted by the ranking from
    /// the words' own positions (``wordsInRow``), not matched as one more phrase: FTS5 took
    /// two to four times as long to read a window with it.
    var ftsMatch: String? {
        guard !groups.isEmpty else { return nil }
        func all(_ groups: [[String]]) -> String {
            groups.map { "\"" + $0.joined(separator: " ") + "\"" }.joined(separator: " AND ")
        }
        var parts = ["folded : (\(all(groups)))"]
        if hasMarks {
            parts.append("exact : (\(all(exactGroups)))")
        }
        return parts.joined(separator: " OR ")
    }

    /// Separate words, when there are several and no quoted phrase: pages with them side by
    /// side, in order, rank higher. The first phrases of ``ftsMatch`` are these words.
    var wordsInRow: [String]? {
        groups.count > 1 && groups.allSatisfy({ $0.count == 1 }) ? Array(groups.joined()) : nil
    }

    /// The phrases of ``ftsMatch`` in the order FTS5 numbers them, as folded words (for
    /// the page counts ranking needs); exact phrases are counted by their folded words.
    var phrases: [[String]] {
        groups + (hasMarks ? groups : [])
    }
}
