import VietnameseText

/// Cuts the original, accented text around the first matched word.
///
/// Matching happens on folded text. Stored text is NFC, where every Vietnamese letter is one
/// scalar, and folding maps scalar to scalar, so a word found folded is the same span of
/// the original. Only the tokens up to the window's end are examined: a hit costs the same
/// on a long page as on a short one when the match comes early.
enum Snippet {
    static func make(from text: String, highlighting words: Set<String>, before: Int = 10, after: Int = 25) -> String {
        let scalars = Array(text.unicodeScalars)
        var tokens: [(range: Range<Int>, matched: Bool)] = []
        var firstMatch: Int?
        var index = 0
        while index < scalars.count {
            guard isWordPart(scalars[index]) else {
                index += 1
                continue
            }
            let start = index
            var folded = String.UnicodeScalarView()
            while index < scalars.count, isWordPart(scalars[index]) {
                let scalar = VietnameseText.fold(scalars[index])
                folded.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar)
                index += 1
            }
            let matched = words.contains(String(folded))
            tokens.append((start..<index, matched))
            if matched, firstMatch == nil { firstMatch = tokens.count - 1 }
            if let firstMatch, tokens.count > firstMatch + after { break }
            if firstMatch == nil, tokens.count > before + after, words.isEmpty { break }
        }
        guard !tokens.isEmpty else { return "" }
        let first = firstMatch ?? 0
        let from = max(0, first - before), to = min(tokens.count - 1, first + after)
        var out = String.UnicodeScalarView()
        if from > 0 { out.append("…") }
        var cursor = tokens[from].range.lowerBound
        for token in tokens[from...to] {
            out.append(contentsOf: scalars[cursor..<token.range.lowerBound].map { $0 == "\n" || $0 == "\r" ? " " : $0 })
            if token.matched { out.append("«") }
            out.append(contentsOf: scalars[token.range])
            if token.matched { out.append("»") }
            cursor = token.range.upperBound
        }
        if to < tokens.count - 1 || index < scalars.count { out.append(contentsOf: " …".unicodeScalars) }
        return String(out)
    }

    private static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
