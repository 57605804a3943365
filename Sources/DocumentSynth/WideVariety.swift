extension DocumentFactory {
    /// What ``Variety/wide`` adds to an archive document, drawn after every other draw.
    mutating func widen(_ document: inout SyntheticDocument, issuer: Issuer, fonts: [String]) {
        var style = PageStyle()
        style.paperLike = true
        style.font = random.pick(fonts)
        style.bodySize = random.pick([12, 13, 13, 14])
        style.lineSpacing = 1.15 + Double(random.next(in: 0...35)) / 100
        style.left = Double(random.next(in: 85...99))
        style.right = Double(random.next(in: 42...57))
        style.top = Double(random.next(in: 55...72))
        style.leftColumn = Double(random.next(in: 155...185))
        style.rightColumn = Double(random.next(in: 392...420))
        style.subjectWidth = Double(random.next(in: 300...420))
        style.stampSide = random.next(in: 0...2) == 0 ? .underDate : .underNumber
        style.stampSize = Double(random.next(in: 11...15))
        style.pageNumber = random.pick([.plain, .dashed, .word])
        switch random.next(in: 0...4) {
        case 0, 1: style.seal = .grey
        case 2: style.seal = .red
        default: style.seal = nil
        }
        style.sealOffset = Double(random.next(in: -65...(-35)))
        document.style = style

        let type = document.metadata.docType
        if type != .vanBanQPPL, !issuer.units.isEmpty, let number = document.metadata.number,
           let sequence = number.split(separator: "/").first {
            let unit = random.pick(issuer.units)
            if type == .congVan {
                document.metadata.number = "\(sequence)/\(issuer.abbreviation)-\(unit)"
            } else if random.next(in: 0...2) == 0 {
                document.metadata.number = number + "-" + unit
            }
        }
        // A deputy signing for a collective body writes both lines.
        if let collective = issuer.collective, document.metadata.signingAuthority != nil,
           type != .vanBanQPPL, random.next(in: 0...1) == 0 {
            document.outerAuthority = collective
        }
        // A trích yếu followed straight by the body: no "Căn cứ" lines.
        if !document.citations.isEmpty, random.next(in: 0...2) == 0 {
            document.citations = []
        }
        if type == .congVan {
            document.addressees = (0..<random.next(in: 1...3)).map { _ in random.pick(Vocabulary.addressees) }
                .reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        } else if type == .toTrinh || (type == .baoCao && random.next(in: 0...1) == 0) {
            document.addressees = [random.pick(["Hội đồng nhân dân tỉnh", "Ủy ban nhân dân tỉnh", "Bộ Nội vụ"])]
        }
        if random.next(in: 0...3) == 0 {
            document.contactLines = random.pick(Vocabulary.contactLines)
        }
        // Larger print and a longer header leave less room: one paragraph fewer on a single page.
        if document.pageCount == 1, style.bodySize > 12, document.paragraphs.count > 2 {
            document.paragraphs.removeLast()
        }
        // And fewer still while the signature or a copy's block would run off the paper.
        while !DocumentRenderer.fitsItsPages(document), document.paragraphs.count > 1 {
            document.paragraphs.removeLast()
        }
    }
}
