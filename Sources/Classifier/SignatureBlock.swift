import VietnameseText

/// The signature block (ô 7): authority prefix (TM./KT./TL./TUQ./Q.), position in capitals,
/// then the signer's name under the seal and signature.
///
/// It is read near the first "Nơi nhận:" because the recipient list sits beside it; that
/// also keeps attachments (draft resolutions, form templates with their own blocks) out.
/// In flat text the recipients share lines with the block, so only the right-hand part of
/// a line counts: the last column, or the trailing run of capitals or of name-like words.
enum SignatureBlock {
    struct Signature: Sendable, Equatable {
        var authority: String?
        var title: String?
        var signer: String?
        /// A line of capitals over the position whose prefix could not be read: the
        /// authority ("KT. GIÁM ĐỐC" under a seal's ring), lost.
        var authorityUnread = false
        /// A syllable right before the name on its row that the name left out ("LỆ" of
        /// "LỆ Hoàng Phúc", Lý read in capitals; "y" of "1 y Hoàng Phúc"): the name may have
        /// lost its first word.
        var wordBeforeSigner: String?
    }

    static func find(in document: DocumentText) -> Signature? {
        // A copy's block under the original carries its own signer: not the original's.
        let zone = zone(in: document).prefix { !CopyBlock.opens($0) }
        var signature = Signature()
        var titleLine: Int?
        for (index, line) in zone.enumerated() {
            let block = line.columns.count > 1 ? line.lastColumn : line.text
            if signature.title == nil {
                if let authority = authority(in: block) {
                    signature.authority = authority
                    continue
                }
                // A collective body over the position whose "TM." a ring or speck took
                // ("M. ỦY BAN NHÂN DÂN", "CHÍNH PHỦ"): only a collective body signs so.
                if signature.authority == nil, let body = collectiveBody(in: block),
                   zone.dropFirst(index + 1).prefix(2).contains(where: { position(in: $0.columns.count > 1 ? $0.lastColumn : $0.text) != nil }) {
                    signature.authority = "TM. \(body)"
                    signature.authorityUnread = true
                    continue
                }
                if let title = position(in: block) {
                    signature.title = title
                    titleLine = index
                    continue
                }
            } else if index == titleLine.map({ $0 + 1 }), signature.signer == nil, let title = signature.title,
                      Fold.key(Fold.trimJunk(block)) == "PHO", !title.hasPrefix("PHÓ") {
                // "PHÓ" set on a row of its own under the rest of the position: a speck in
                // front of it raised or lowered it out of its row.
                signature.title = "PHÓ " + title
                continue
            } else if index == titleLine.map({ $0 + 1 }), signature.authority == nil, signature.signer == nil {
                if let prefix = lonePrefix(in: block), let title = signature.title {
                    // The prefix set apart on a row of its own ("KT." under "CỤC TRƯỞNG"):
                    // the line above was the authority, and the position is still to come.
                    signature.authority = "\(prefix). \(title)"
                    signature.title = nil
                    continue
                }
                if let lower = position(in: block) {
                    // Two positions in a row: the upper one was an authority whose prefix the
                    // seal or OCR took ("SSNGS. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC"). Over its own
                    // deputy it is the head the deputy signs for: KT. (Phụ lục I, ô 7a).
                    if let upper = signature.title.map(HeaderLexicon.restore),
                       HeaderLexicon.head(ofDeputy: HeaderLexicon.restore(lower)) == upper {
                        signature.authority = "KT. \(upper)"
                    }
                    signature.title = lower
                    signature.authorityUnread = true
                    continue
                }
                // A row of specks between them ("sa", "l") keeps the two rows in a row.
                if block.filter(\.isLetter).count <= 3 {
                    titleLine = index
                    continue
                }
            }
            // Seals often hide the position from OCR; after an authority line the name
            // still counts, and with neither only a line holding nothing but a full name.
            let anchored = signature.title != nil || signature.authority != nil
            if let name = personName(in: block, standalone: !anchored) {
                signature.signer = name
                // A family name left at the end of the row above ("- Lưu: VT.   Nguyễn" over
                // "Xuân Quang"): the name wrapped after it.
                if index > 0, !familyNames.contains(Fold.key(String(name.prefix { $0 != " " }))),
                   let above = zone[zone.startIndex + index - 1].text.split(separator: " ").last,
                   familyNames.contains(Fold.key(String(above))), isSyllable(String(above)) {
                    signature.signer = "\(above) \(name)"
                } else {
                    signature.wordBeforeSigner = syllable(before: name, in: block)
                }
                break
            }
        }
        return signature == Signature() ? nil : signature
    }

    /// Lines around the first "Nơi nhận:"; without one, around the last authority line;
    /// without that, the end of the last page with text.
    private static func zone(in document: DocumentText) -> [TextLine] {
        // Blank lines are dropped first: OCR spaces a recipient list out with them.
        let pages = document.pages.map { $0.filter { !$0.isBlank } }
        for (p, lines) in pages.enumerated() {
            guard let anchor = lines.firstIndex(where: { opensRecipients($0.firstColumn) })
            else { continue }
            var zone = Array(lines[max(0, anchor - 15)..<min(lines.count, anchor + 40)])
            if anchor + 40 > lines.count, p + 1 < pages.count {
                zone += pages[p + 1].prefix(25)
            }
            return zone
        }
        for (p, lines) in pages.enumerated().reversed() {
            if let last = lines.lastIndex(where: { authority(in: $0.lastColumn) != nil }) {
                let next = pages.dropFirst(p + 1).first?.prefix(10) ?? []
                return Array(lines[max(0, last - 3)..<min(lines.count, last + 30)]) + next
            }
        }
        return Array((pages.last { !$0.isEmpty } ?? []).suffix(30))
    }

    /// Whether a line opens the recipients: "Nơi nhận:", or with its first word worn
    /// ("(ơi nhận:", "Ai nhận:"). A short word ending in I before "nhận" opens nothing else;
    /// "Bên nhận" of a contract does not end so.
    private static func opensRecipients(_ text: String) -> Bool {
        Fold.key(Fold.trimJunk(text)).firstMatch(of: /^[A-Z]{0,2}I NHAN/) != nil
    }

    /// "KT. CHỦ TỊCH" from a block that holds the prefix and a position in capitals.
    static func authority(in block: String) -> String? {
        let key = Fold.key(block)
        guard let match = key.firstMatch(of: Patterns.authorityPrefix) else { return nil }
        let rest = String(block[block.index(block.startIndex, offsetBy: key.distance(from: key.startIndex, to: match.range.upperBound))...])
        let position = Fold.trimJunk(rest)
        guard position.filter(\.isLetter).count >= 2, Fold.isUppercase(position, tolerance: 0) else { return nil }
        return "\(match.output.1). \(position)"
    }

    /// An authority's position without its prefix ("KT. CHỦ TỊCH" → "CHỦ TỊCH").
    static func withoutPrefix(_ authority: String) -> String {
        guard let dot = authority.firstIndex(of: "."), authorityPrefixes.contains(Fold.key(String(authority[..<dot]))) else {
            return authority
        }
        return String(authority[authority.index(after: dot)...]).trimmingCharacters(in: .whitespaces)
    }

    /// The prefixes of an authority line (Nghị định 30, ô 7a), folded.
    private static let authorityPrefixes: Set<String> = ["TM", "KT", "TL", "TUQ", "Q"]

    /// An authority prefix alone on its row but for a speck ("ý KT."), without its position.
    /// A recipients' row ending in one ("- Lưu: VT, KT.") has more letters than a speck.
    private static func lonePrefix(in block: String) -> String? {
        let words = Fold.key(block).split(separator: " ")
        guard let last = words.last, let mark = last.last, ".,".contains(mark) else { return nil }
        let prefix = String(last.dropLast())
        guard authorityPrefixes.contains(prefix),
              words.dropLast().joined().filter(\.isLetter).count <= 2 else { return nil }
        return prefix
    }

    /// The position line: the trailing run of capital words, with a word that names an office.
    private static func position(in block: String) -> String? {
        var run: [String] = []
        var before: Substring?
        for word in block.split(separator: " ").reversed() {
            // A mark glued on in front ("\"PHÓ", a seal's speck) ends the run but not the
            // word; one glued on behind ("PHÓ." or "PHÓ,") neither: a position has no stops.
            let leading = word.drop { !Fold.isWordLetter($0) }
            let core = String(leading.reversed().drop { !Fold.isWordLetter($0) }.reversed())
            let letters = core.filter(Fold.isWordLetter), inner = core.filter { !Fold.isWordLetter($0) }
            // Word by word: one-letter words count too ("SỞ Y TẾ"). A symbol inside a word
            // stands for a letter OCR could not read ("CH©NH"), and a capital word may have
            // its first letter set small ("tRƯỞNG").
            let readable = inner.isEmpty || (inner.count == 1 && letters.count >= 3 && !stops.contains(inner))
            let capitals = letters.dropFirst().allSatisfy(\.isUppercase) && (letters.first?.isUppercase == true || letters.count >= 3)
            guard !letters.isEmpty, readable, capitals,
                  core.count == leading.count || !authorityPrefixes.contains(Fold.key(core)) else {
                before = word
                break
            }
            run.insert(core.uppercased(), at: 0)
            if leading.count < word.count { break }
        }
        // The position's first word set small ("cục TRƯỞNG"), when with it the run spells one.
        if let before, !run.isEmpty, before.allSatisfy({ $0.isLetter && $0.isLowercase }),
           HeaderLexicon.position(spelledBy: String(before) + run.joined()) != nil {
            run.insert(before.uppercased(), at: 0)
        }
        // No position opens with a lone letter, nor with capitals that spell no syllable before
        // a known position ("DONN PHÓ CHỦ TỊCH"): those are specks of the seal or signature.
        while let first = run.first, first.count == 1
                || (run.count >= 2 && !VietnameseSyllable.isValid(first.lowercased())
                    && HeaderLexicon.opensWithPosition(run.dropFirst().joined(separator: " "))) {
            run.removeFirst()
        }
        // PHỐ of THÀNH PHỐ folds as PHÓ does: a place, not the office; TỊCH of LIÊN TỊCH
        // ("THÔNG TƯ LIÊN TỊCH", a type line near a short document's end) is no CHỦ TỊCH.
        let keys = run.map { Fold.key($0) }
        let words = Set(keys.indices.filter { index in
            !(index > 0 && [("THANH", "PHO"), ("LIEN", "TICH")].contains { keys[index - 1] == $0.0 && keys[index] == $0.1 })
                // TRƯỜNG, a school or a market ("QUẢN LÝ THỊ TRƯỜNG" of a header above), folds as TRƯỞNG does.
                && run[index] != "TRƯỜNG"
        }.map { keys[$0] })
        let line = run.joined(separator: " ")
        if run.count >= 2, !words.isDisjoint(with: officeWords) { return line }
        // A letter added or lost in the office's own word ("CHÁẢNH VĂN PHÒNG"): the
        // classifier puts back the one position it spells, and names it.
        if run.count >= 2, HeaderLexicon.position(aLetterFrom: line) != nil { return line }
        // Words glued together by OCR ("PHÓGIÁM ĐỐC"): only a known position's letters, or
        // one long word a letter from one ("THẾTRƯỞNG", "SIÁMĐỐC"), which the classifier mends.
        if run.isEmpty { return nil }
        if let glued = HeaderLexicon.position(spelledBy: run.joined()) { return glued }
        if run.count == 1, run[0].filter(\.isLetter).count >= 7, HeaderLexicon.position(aLetterFrom: run[0]) != nil {
            return run[0]
        }
        return nil
    }

    /// The bodies that sign collectively, with TM. (Phụ lục I, ô 7a), folded.
    private static let collectiveBodies = ["UY BAN", "CHINH PHU", "HOI DONG", "QUOC HOI", "BAN CHAP HANH", "BAN THUONG VU"]

    /// A line naming a collective body in capitals, with at most the last letter of its lost
    /// prefix in front ("M. ỦY BAN NHÂN DÂN"): the body, as read.
    private static func collectiveBody(in block: String) -> String? {
        var text = Fold.trimJunk(block)
        if let remnant = Fold.key(text).firstMatch(of: /^[TM]\s*[.,]\s*/) {
            text = Fold.trimJunk(String(text.dropFirst(remnant.output.count)))
        }
        guard text.filter(\.isLetter).count >= 6, Fold.isUppercase(text, tolerance: 0) else { return nil }
        let key = Fold.key(text)
        return collectiveBodies.contains { key == $0 || key.hasPrefix($0 + " ") } ? text : nil
    }

    /// Marks inside a word that are stops, not a letter OCR could not read ("T'HÓ").
    private static let stops: Set<String> = ["'", "’", "‘", "\"", "“", "”", ".", ",", ":", ";", "-"]

    /// Words of positions (folded): CHỦ TỊCH, GIÁM ĐỐC, BỘ TRƯỞNG, THỦ TƯỚNG, CHÁNH …
    private static let officeWords: Set<String> = [
        "TICH", "TRUONG", "TUONG", "GIAM", "PHO", "CHANH", "BI", "NHIEM", "TONG", "VIEN", "KY",
    ]

    /// The trailing run of name-like words ("Trần Ngọc Căng"), 2 to 5 syllables. A run that
    /// shares its line with other text must open with a family name, so recipients such as
    /// "- Sở Nội Vụ" are not taken; a `standalone` name must also fill its line.
    static func personName(in block: String, standalone: Bool) -> String? {
        // No syllable has a capital inside: OCR glued two ("LêThị Mỹ Dung").
        let words = block.split(separator: " ").flatMap(splitAtCapitals)
        var run: [String] = []
        for (index, word) in words.enumerated().reversed() {
            // A seal's speck or a rule's end glued on in front ("__Trương") ends the run,
            // unless a family name stands just before it: then the speck fell inside the
            // name ("Trân ,Quốc Tuấn"). One glued on behind ("Nguyễn.") is dropped.
            let leading = word.drop { !Fold.isWordLetter($0) }
            let core = String(leading.prefix { Fold.isWordLetter($0) })
            guard isSyllable(core), leading.dropFirst(core.count).allSatisfy({ ".,;:'`".contains($0) }) else {
                // A family name OCR broke in two where a seal's ring crossed it ("Trị nh",
                // "L âm"): its pieces are joined when together they spell one, the mark where
                // the name carries it ("Hùy nh" is Huỳnh).
                if index > 0, !run.isEmpty, word.allSatisfy({ $0.isLetter && $0.isLowercase }),
                   case let joined = words[index - 1] + word, isSyllable(joined), familyNames.contains(Fold.key(joined)) {
                    run.insert(VietnameseText.normalizeTonePlacement(joined), at: 0)
                }
                break
            }
            run.insert(core, at: 0)
            guard leading.count < word.count else { continue }
            if index > 0, isSyllable(words[index - 1]), familyNames.contains(Fold.key(words[index - 1])) {
                run.insert(words[index - 1], at: 0)
            }
            break
        }
        guard run.count >= 2 else { return nil }
        let wholeBlock = run.count == words.count
        if standalone, !(wholeBlock && familyNames.contains(Fold.key(run[0]))) { return nil }
        if !wholeBlock || run.count > 5 {
            guard let start = run.firstIndex(where: { familyNames.contains(Fold.key($0)) }) else { return nil }
            run = Array(run[start...])
        }
        guard (2...5).contains(run.count) else { return nil }
        return run.joined(separator: " ")
    }

    /// A word cut before each capital that follows a small letter, or a stop between them,
    /// when every piece is a Vietnamese syllable ("LêThị"; not a speck such as "NwN").
    private static func splitAtCapitals(_ word: Substring) -> [String] {
        // A stop or quote between the two is a speck where OCR lost the space ("Quách“ThếSơn").
        let pieces = String(word).replacing(/(\p{Ll})[’'‘“”".,:;]*(\p{Lu})/) { "\($0.output.1) \($0.output.2)" }
            .split(separator: " ").map(String.init)
        guard pieces.count > 1, pieces.allSatisfy({ VietnameseSyllable.isValid(Fold.trimJunk($0)) }) else { return [String(word)] }
        return pieces
    }

    /// The word right before `name` on its row, when it is a Vietnamese syllable in any
    /// case with no stop after it, a lone letter too ("1 y Hoàng Phúc", Lý read apart); a
    /// recipient's "TH." or "trên;" is not.
    private static func syllable(before name: String, in block: String) -> String? {
        guard let range = block.range(of: name, options: .backwards),
              let word = block[..<range.lowerBound].split(separator: " ").last,
              word.allSatisfy(Fold.isWordLetter), VietnameseSyllable.isValid(word.lowercased()) else { return nil }
        return String(word)
    }

    private static func isSyllable(_ word: String) -> Bool {
        guard let first = word.first, first.isUppercase, first.isLetter, word.count <= 7 else { return false }
        return word.dropFirst().allSatisfy { $0.isLetter && $0.isLowercase }
    }

    /// Common Vietnamese family names, folded.
    private static let familyNames: Set<String> = [
        "NGUYEN", "TRAN", "LE", "PHAM", "HOANG", "HUYNH", "PHAN", "VU", "VO", "DANG", "BUI", "DO",
        "HO", "NGO", "DUONG", "LY", "DINH", "DAO", "LUONG", "MAI", "TRINH", "TRUONG", "LAM",
        "PHUNG", "HA", "THAI", "TA", "TO", "CAO", "CHAU", "DOAN", "KIEU", "LA", "LUU", "QUACH",
        "MAC", "MANH", "LAI", "CHU", "THAN", "TRIEU", "TU", "TANG", "HUA", "AU", "GIANG", "KHONG",
        "NONG", "VUONG", "DAM", "TON", "ONG", "DIEP", "LUC", "BACH", "CU", "LO", "HAU", "KIM",
        "QUAN", "TONG", "NGHIEM", "THACH", "NINH", "MA", "KHUC", "DONG", "DAU", "HAN", "VI",
        "KHUAT", "KHUONG", "LU", "PHI", "TIEU", "BE", "MAN", "YEN", "TRA", "CAN",
    ]
}
