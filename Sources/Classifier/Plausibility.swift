import DocumentModel
import VietnameseText

/// Doubts about values that were found but cannot be right as they stand, and about values
/// every document has but that were not found. OCR's word confidence misses both: a
/// confidently read word can still have lost a mark, and a name under a seal has no
/// confidence at all. An archivist would rather check a value than trust a wrong one.
enum Plausibility {
    /// The fields to send to review, each with its reason, in field order.
    static func doubts(about metadata: DocumentMetadata) -> [(MetadataField, String)] {
        var found: [(MetadataField, String)] = []
        // Nghị định 30 has every document issued by an agency and signed (Điều 8, ô 1 and 7).
        if metadata.agency == nil { found.append((.agency, "no issuing agency found")) }
        if metadata.subject == nil, metadata.docType.carriesSubject {
            found.append((.subject, "no trích yếu found"))
        }
        if metadata.signer == nil { found.append((.signer, "no signer's name found")) }
        // Ô 4 and ô 7b: the place opens the date line, the signer's position heads the name.
        if metadata.place == nil { found.append((.place, "no place found before the date")) }
        if metadata.signerTitle == nil {
            // Without a name either, the whole signature was lost (under a seal, say): the
            // position is as much in doubt as the name.
            found.append((.signerTitle, metadata.signer == nil ? "no signature found: no name, no position"
                                                                 : "no position found above the signer's name"))
            // What lost the position (a seal's ring, a worn row) may have taken the authority
            // line over it too: its absence says nothing.
            if metadata.signingAuthority == nil {
                found.append((.signingAuthority, "no authority line found, and no position under which one would stand"))
            }
        }
        if let title = metadata.signerTitle, let known = HeaderLexicon.position(missingTheStartOf: title) {
            found.append((.signerTitle, "signer_title “\(title)” is no position; \(known) is, its first letters lost"))
        } else if let title = metadata.signerTitle, !HeaderLexicon.opensWithPosition(title) {
            found.append((.signerTitle, "signer_title “\(title)” opens with no known position"))
        }
        // A deputy signs for the head: “KT. BỘ TRƯỞNG / THỨ TRƯỞNG” (Nghị định 30, Phụ lục I, ô 7a).
        if let title = metadata.signerTitle, metadata.signingAuthority == nil,
           Fold.key(title).hasPrefix("PHO ") || Fold.key(title) == "THU TRUONG" {
            found.append((.signingAuthority, "a deputy signs for the head (KT.), and no authority line was found"))
        }
        // The place column's first word glued onto the number's symbol ("351/HD-DCThành"):
        // capitals, then a word in small letters.
        if let number = metadata.number, let glued = number.firstMatch(of: /[A-ZĐ]\p{Ll}{2,}$/) {
            found.append((.number, "number “\(number)” ends in “\(glued.output)”, a word of the next column"))
            found.append((.place, "the place may have lost “\(glued.output)” to the number"))
        }
        if let place = metadata.place, !HeaderLexicon.isKnownPlace(place) {
            found.append((.place, "place “\(place)” is in no gazetteer"))
        }
        let texts: [(MetadataField, String?)] = [
            (.place, metadata.place), (.agency, metadata.agency), (.agencyParent, metadata.agencyParent),
            (.subject, metadata.subject), (.signer, metadata.signer), (.signerTitle, metadata.signerTitle),
            (.signingAuthority, metadata.signingAuthority),
        ]
        // The National Assembly's term in an issuer ("QH15", "UBTVQH15") is a number, and
        // there have been sixteen: "QHI15" or "QH115" is a 1 read twice or as a letter.
        if let number = metadata.number, let term = number.firstMatch(of: /QH([A-Z]*)(\d+)/),
           !term.output.1.isEmpty || (Int(term.output.2) ?? 0) > 16 {
            found.append((.number, "number “\(number)” gives the National Assembly's term as “\(term.output.1)\(term.output.2)”"))
        }
        // A letter glued to a mark no word holds ("đơn V] sự nghiệp"): OCR's reading of a
        // letter it could not make out.
        if let subject = metadata.subject,
           let glued = subject.split(separator: " ").first(where: { $0.contains(/\p{L}[\[\]{}|\\~^@#$%&*+=<>_©®¬€£]|[\[\]{}|\\~^@#$%&*+=<>_©®¬€£]\p{L}/) }) {
            found.append((.subject, "subject holds “\(glued)”, a letter glued to a mark"))
        }
        // An opening bracket with no closing one, glued to a word: a speck OCR read ("công (ác").
        if let subject = metadata.subject, let glued = subject.firstMatch(of: /\((\p{L}+)/),
           subject.filter({ $0 == "(" }).count != subject.filter({ $0 == ")" }).count {
            found.append((.subject, "subject holds “(\(glued.output.1)”, a bracket that never closes"))
        }
        for (field, value) in [(MetadataField.agency, metadata.agency), (.agencyParent, metadata.agencyParent)] {
            guard let value else { continue }
            if let body = HeaderLexicon.body(aLetterFrom: value) {
                found.append((field, "\(field.rawValue) “\(value)” is a letter from \(body)"))
            }
            if let place = unknownPlace(in: value) {
                found.append((field, "\(field.rawValue) names “\(place)” as a place, and the gazetteer knows no such place"))
            }
        }
        for (field, value) in texts {
            // Names of the minorities' lands keep their own spelling ("Đắk Lắk", "Krông Pắc"):
            // the gazetteer's names are words, whatever the syllable grammar says.
            guard let value, !(field == .place && HeaderLexicon.isKnownPlace(value)) else { continue }
            let known = HeaderLexicon.knownWords(in: value)
            let checked = value.split(separator: " ").filter { !known.contains(String($0)) }.joined(separator: " ")
            guard let word = brokenWord(in: checked) ?? noise(in: checked, field: field) else { continue }
            found.append((field, "\(field.rawValue) holds “\(word)”, not a Vietnamese word as read"))
        }
        return found
    }

    /// A word of a name in capitals that no Vietnamese syllable spells, though it has no
    /// marks to break: noise OCR read into the header ("BỘ NỘI VỤ TEETIUEHOESEE") or a
    /// seal's ring into a position ("PHÓ CC TRƯỞNG"). Agencies may hold abbreviations
    /// (UBND, HĐND), so there only words longer than any abbreviation count; positions
    /// are spelt out in full.
    static func noise(in value: String, field: MetadataField) -> String? {
        let shortest: Int
        switch field {
        case .agency, .agencyParent: shortest = 8
        case .signerTitle, .signingAuthority: shortest = 2
        default: return nil
        }
        return value.split { $0.isWhitespace || "-/,;:()“”\"'".contains($0) }
            .map(String.init)
            .first { word in
                !word.contains(".") && word.count >= shortest && word.allSatisfy(\.isLetter)
                    && VietnameseSyllable.kind(of: word.lowercased()) != .vietnamese
            }
    }

    /// The name after a place's level in an agency's name ("TỈNH ĐẮK I") that the gazetteer
    /// does not spell: OCR's noise, or a line of the header read twice. The name runs to the
    /// next level or the end; a district's number ("QUẬN 1") is not checked.
    static func unknownPlace(in agency: String) -> String? {
        let words = agency.split(separator: " ").map(String.init)
        var starts: [(level: Int, name: Int)] = []
        for index in words.indices {
            let next = index + 1 < words.count ? words[index + 1] : ""
            if ["TỈNH", "HUYỆN", "QUẬN", "PHƯỜNG", "XÃ"].contains(words[index]) {
                // TỈNH ỦY is a party committee, XÃ HỘI society, and the XÃ of THỊ XÃ is its level's.
                guard next != "ỦY", next != "HỘI", index == 0 || words[index - 1] != "THỊ" else { continue }
                starts.append((index, index + 1))
            } else if ["THÀNH", "THỊ"].contains(words[index]), ["PHỐ", "XÃ", "TRẤN"].contains(next) {
                starts.append((index, index + 2))
            }
        }
        for (position, start) in starts.map(\.name).enumerated() {
            let end = position + 1 < starts.count ? starts[position + 1].level : words.count
            guard start < end else { continue }
            let name = words[start..<end]
            guard !name.contains(where: { $0.contains { $0.isNumber } }) else { continue }
            let spelled = name.map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined(separator: " ")
            if !HeaderLexicon.isKnownPlace(spelled) { return name.joined(separator: " ") }
        }
        return nil
    }

    /// The first word of `value` that carries Vietnamese marks but breaks the syllable
    /// grammar ("quyêt", "Nøãi"): a mark OCR lost or invented.
    static func brokenWord(in value: String) -> String? {
        value.split { $0.isWhitespace || "-/,;:()“”\"'.".contains($0) }
            .map(String.init)
            .first { VietnameseSyllable.kind(of: $0) == .invalid }
    }
}
