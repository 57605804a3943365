import Classifier
import DocumentModel
import XCTest

/// Values that OCR read with confidence and that still cannot be right, and values every
/// document has that were not found: named for review, never left silent.
final class PlausibilityTests: XCTestCase {
    private func signed(_ name: String) -> DocumentMetadata {
        Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", typeLine: "KẾ HOẠCH",
                                          signature: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", name]))
    }

    func testATermOfTheNationalAssemblyReadWithALetterOrAOneTooManyIsNamed() {
        for (number, doubted) in [("Số: 842/2022/QHI15", true), ("Số: 597/2024/PL-UBTVQH115", true),
                                  ("Số: 842/2022/QH15", false), ("Số: 597/2024/PL-UBTVQH15", false)] {
            let metadata = Fixture.classify(Fixture.document(number: number, typeLine: "NGHỊ QUYẾT"), source: .ocr)
            XCTAssertEqual(metadata.reviewReasons.contains { $0.contains("National Assembly's term") }, doubted,
                           "\(number): \(metadata.reviewReasons)")
        }
    }

    func testASubjectLetterGluedToAMarkIsNamed() {
        let text = Fixture.document(number: "Số: 12/KH-UBND", typeLine: "KẾ HOẠCH",
                                    subject: ["Kiểm tra các đơn vị sự nghiệp công lập"])
        XCTAssertFalse(Fixture.classify(text, source: .ocr).reviewFields.contains(.subject))
        let glued = Fixture.classify(text.replacingOccurrences(of: "đơn vị", with: "đơn V]"), source: .ocr)
        XCTAssertTrue(glued.reviewReasons.contains("subject holds “V]”, a letter glued to a mark"), "\(glued.reviewReasons)")
    }

    func testWithoutAPositionTheMissingAuthorityIsNamedToo() {
        let lost = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", typeLine: "KẾ HOẠCH",
                                                     signature: ["", "", "", "Nguyễn Văn Nam"]), source: .ocr)
        XCTAssertNil(lost.signingAuthority)
        XCTAssertTrue(lost.reviewFields.contains(.signingAuthority), "\(lost.reviewReasons)")
        XCTAssertFalse(signed("Nguyễn Văn Nam").reviewFields.contains(.signingAuthority))
    }

    func testACommonNameIsTrusted() {
        // Ánh is rarer than Anh in the lists, but a name in its own right.
        for name in ["Trần Phước Hiền", "Nguyễn Văn Nam", "Lê Thị Mai", "Phạm Thị Thanh Trà", "Huỳnh Ngọc Ánh",
                     // Either tone placement: the list writes Hòa, a signature may print Hoà.
                     "Lê Thị Hòa", "Lê Thị Hoà"] {
            let metadata = signed(name)
            XCTAssertEqual(metadata.signer, name)
            XCTAssertFalse(metadata.reviewFields.contains(.signer), "\(name): \(metadata.reviewReasons)")
        }
    }

    func testASurnameWithASlippedToneIsPutBackAndTheChangeRecorded() {
        for (read, meant) in [("Trân Hoàng Tuấn", "Trần Hoàng Tuấn"), ("Nguyên Văn Nam", "Nguyễn Văn Nam")] {
            let metadata = signed(read)
            XCTAssertEqual(metadata.signer, meant)
            XCTAssertTrue(metadata.reviewFields.contains(.signer))
            XCTAssertTrue(metadata.reviewReasons.contains { $0.contains("surname") && $0.contains(meant.split(separator: " ")[0]) },
                          "\(metadata.reviewReasons)")
        }
        // A hat OCR dropped is a mark too; a letter is never changed: a surname spelt with
        // other letters stays as read, and so does one whose letters spell two (Lan: Lân, Lâm).
        XCTAssertEqual(signed("Tràn Văn Nam").signer, "Trần Văn Nam")
        XCTAssertEqual(signed("Cháu Văn Lâm").signer, "Châu Văn Lâm")
        XCTAssertEqual(signed("Lân Thị Ngọc Yến").signer, "Lân Thị Ngọc Yến")
        XCTAssertEqual(signed("Trăn Văn Nam").signer, "Trần Văn Nam")
    }

    /// A middle or given name that is no name at all, with its marks slipped, is the one
    /// common name its letters spell: put back, and named for review.
    func testANameThatIsNoNameIsReadAsTheCommonOneItsLettersSpell() {
        for (read, meant) in [("Trịnh Xưân Thủy", "Trịnh Xuân Thủy"), ("Tạ Quáng Hưng", "Tạ Quang Hưng"),
                              ("Lý Hoăng Phúc", "Lý Hoàng Phúc"), ("Huỳnh Ñgọc Ánh", "Huỳnh Ngọc Ánh"),
                              ("Nguyễn Văn Đúc", "Nguyễn Văn Đức"),
                              // A final y after a consonant is the vowel i, under the same dot.
                              ("Nguyễn Thỷ Thu Huyền", "Nguyễn Thị Thu Huyền")] {
            let metadata = signed(read)
            XCTAssertEqual(metadata.signer, meant)
            XCTAssertTrue(metadata.reviewFields.contains(.signer))
            XCTAssertTrue(metadata.reviewReasons.contains { $0.contains("read as") }, "\(metadata.reviewReasons)")
        }
        // Letters that spell two common names leave the choice to a person: Thu and Thư.
        let torn = signed("Lê Thị Thừ")
        XCTAssertEqual(torn.signer, "Lê Thị Thừ")
        XCTAssertTrue(torn.reviewFields.contains(.signer))
        // Vy and Vi are two common names: a "Vỹ" is either.
        XCTAssertEqual(signed("Trần Thảo Vỹ").signer, "Trần Thảo Vỹ")
        // A rare name found in the lists stays as read.
        XCTAssertEqual(signed("Nguyễn Văn Lân").signer, "Nguyễn Văn Lân")
    }

    func testAGivenNameNearlyUnknownBesideACommonTwinIsDoubtedNotChanged() {
        for (read, twin) in [("Trần Hoàng Tráng", "Trang"), ("Trần Phước Hiên", "Hiền")] {
            let metadata = signed(read)
            XCTAssertEqual(metadata.signer, read)
            XCTAssertTrue(metadata.reviewFields.contains(.signer))
            XCTAssertTrue(metadata.reviewReasons.contains { $0.contains(twin) }, "\(metadata.reviewReasons)")
        }
        XCTAssertTrue(signed("Xuân Quang").reviewReasons.contains { $0.contains("surname") })
    }

    func testAWordNoVietnameseSyllableCanBeIsDoubtedInItsField() {
        let metadata = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", typeLine: "KẾ HOẠCH",
                                                         subject: ["Về việc giải quyêt thủ tục hành chính"]))
        XCTAssertEqual(metadata.subject, "Về việc giải quyêt thủ tục hành chính")
        XCTAssertEqual(metadata.reviewFields, [.subject])
        XCTAssertTrue(metadata.reviewReasons.contains { $0.contains("quyêt") })
    }

    func testWhatEveryDocumentHasIsDoubtedWhenNotFound() {
        let unsigned = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", typeLine: "KẾ HOẠCH", signature: []))
        XCTAssertNil(unsigned.signer)
        XCTAssertEqual(unsigned.reviewFields, [.signer, .signerTitle, .signingAuthority], "\(unsigned.reviewReasons)")
        let whole = signed("Trần Phước Hiền")
        XCTAssertFalse(whole.needsReview, "\(whole.reviewReasons)")
    }

    /// A signing system stamps the number and the day into a born-digital page; OCR reads
    /// them from small raised digits and often misreads them ("565" as "55" on
    /// corpus-real). The page's text layer is exact, the reading is not.
    func testANumberAndDateReadFromASigningStampAreNamedForReview() {
        let text = Fixture.document(number: "Số: 565/TB-UBND", typeLine: "THÔNG BÁO")
        let plain = DocumentClassifier(today: Fixture.today).classify([RecognizedPage(number: 1, text: text, source: .textLayer)])
        XCTAssertEqual(plain.number, "565/TB-UBND")
        XCTAssertFalse(plain.reviewFields.contains(.number), "a text layer's own number is trusted")
        let stamped = DocumentClassifier(today: Fixture.today)
            .classify([RecognizedPage(number: 1, text: text, source: .textLayer, confidence: 91)])
        XCTAssertEqual(stamped.number, "565/TB-UBND")
        XCTAssertTrue(stamped.reviewFields.contains(.number))
        XCTAssertEqual(stamped.fieldConfidence[.number], 0.91)
        XCTAssertEqual(stamped.reviewFields.contains(.issuedDate), stamped.issuedDate != nil)
        XCTAssertTrue(stamped.reviewReasons.contains { $0.contains("signing system's stamp") })
    }
}

extension PlausibilityTests {
    /// A date OCR garbled still gives the place it opens with; whatever Nghị định 30 says
    /// every document has and this one lacks is named for review.
    func testAGarbledDateKeepsItsPlaceAndMissingPartsAreNamed() {
        let garbled = Fixture.classify(Fixture.document(number: "Số: 313/PB-UBND", date: "Nghĩa Hành, ngày 06 tháng 1T năm 2025",
                                                        typeLine: "PHIẾU BÁO"))
        XCTAssertNil(garbled.issuedDate)
        XCTAssertEqual(garbled.place, "Nghĩa Hành")
        XCTAssertTrue(garbled.reviewFields.contains(.issuedDate))
        XCTAssertFalse(garbled.reviewFields.contains(.place))

        let untitled = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", date: "ngày 12 tháng 7 năm 2019", typeLine: "KẾ HOẠCH",
                                                         signature: ["", "", "Trần Phước Hiền"]))
        XCTAssertNil(untitled.place)
        XCTAssertTrue(untitled.reviewFields.contains(.place), "\(untitled.reviewReasons)")
        XCTAssertEqual(untitled.signer, "Trần Phước Hiền")
        XCTAssertNil(untitled.signerTitle)
        XCTAssertTrue(untitled.reviewReasons.contains("no position found above the signer's name"), "\(untitled.reviewReasons)")
    }

    /// A copy's block under the original has its own signer; when the original's name is
    /// lost under its seal, the copy's is not taken for it.
    func testTheCopysSignerIsNotTakenForTheOriginals() {
        let text = Fixture.document(number: "Số: 45/QĐ-UBND", typeLine: "QUYẾT ĐỊNH",
                                    signature: ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "*⁄^A\\\\"]) + """

        ______________________________________________
        SỞ NỘI VỤ                               SAO Y
        Số: 12/SY-SNV                Đồng Nai, ngày 20 tháng 8 năm 2019
                                          KT. GIÁM ĐỐC
                                          PHÓ GIÁM ĐỐC

                                          Hồ Thị Diệu Linh
        """
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.copy?.form, .saoY)
        XCTAssertNil(metadata.signer, "the copy's signer is not the original's")
        XCTAssertEqual(metadata.signerTitle, "PHÓ CHỦ TỊCH")
        XCTAssertTrue(metadata.reviewFields.contains(.signer))
    }
}

extension PlausibilityTests {
    /// Surnames beyond the published list's 18 are known too; Đ and D are letters, so a
    /// surname that needs one swapped is named, never changed; one in no list is named.
    func testSurnamesAreCheckedAgainstTheCommonOnes() {
        XCTAssertEqual(signed("Đinh Ngọc Quỳnh").reviewFields, [], "\(signed("Đinh Ngọc Quỳnh").reviewReasons)")
        let restored = signed("Đỉnh Ngọc Quỳnh")
        XCTAssertEqual(restored.signer, "Đinh Ngọc Quỳnh")
        XCTAssertTrue(restored.reviewReasons.contains { $0.contains("Đỉnh read as Đinh") }, "\(restored.reviewReasons)")
        let crossed = signed("Đương Văn Tùng")
        XCTAssertEqual(crossed.signer, "Đương Văn Tùng")
        XCTAssertTrue(crossed.reviewReasons.contains("signer's surname “Đương” is no surname; Dương is"), "\(crossed.reviewReasons)")
        let unknown = signed("Pban Đình Trạc")
        XCTAssertTrue(unknown.reviewFields.contains(.signer))
        XCTAssertTrue(unknown.reviewReasons.contains { $0.contains("“Pban” is in no list of surnames") }, "\(unknown.reviewReasons)")
    }

    /// Capitals with no marks to break can still spell no syllable: noise in a header, a
    /// seal's ring in a position.
    func testNoiseInCapitalsIsDoubted() {
        let agency = Fixture.classify(Fixture.document(agency: ["BỘ NỘI VỤ TEETIUEHOESEE"], number: "Số: 12/KH-BNV", typeLine: "KẾ HOẠCH"))
        XCTAssertTrue(agency.reviewReasons.contains { $0.contains("TEETIUEHOESEE") }, "\(agency.reviewReasons)")
        let title = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", typeLine: "KẾ HOẠCH",
                                                      signature: ["KT. CỤC TRƯỞNG", "PHÓ CC TRƯỞNG", "", "", "Trần Phước Hiền"]))
        XCTAssertTrue(title.reviewFields.contains(.signerTitle), "\(title.reviewReasons)")
        let clean = Fixture.classify(Fixture.document(agency: ["UBND TỈNH QUẢNG NGÃI", "SỞ NỘI VỤ"], number: "Số: 12/KH-SNV",
                                                      typeLine: "KẾ HOẠCH"))
        XCTAssertFalse(clean.reviewFields.contains(.agency), "abbreviations are not noise: \(clean.reviewReasons)")
        XCTAssertFalse(clean.reviewFields.contains(.agencyParent), "\(clean.reviewReasons)")
    }

    /// Two positions in a row: the upper one was an authority whose prefix a seal took, put
    /// back as KT. over the head's own deputy.
    func testAnAuthorityWithAnUnreadPrefixIsNamed() {
        let metadata = Fixture.classify(Fixture.document(number: "Số: 12/KH-SNV", typeLine: "KẾ HOẠCH",
                                                         signature: ["SSNGS. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Phan Đình Trạc"]))
        XCTAssertEqual(metadata.signerTitle, "PHÓ GIÁM ĐỐC")
        XCTAssertEqual(metadata.signingAuthority, "KT. GIÁM ĐỐC", "the head over its deputy")
        XCTAssertTrue(metadata.reviewFields.contains(.signingAuthority), "\(metadata.reviewReasons)")
        let plain = Fixture.classify(Fixture.document(number: "Số: 12/KH-SNV", typeLine: "KẾ HOẠCH",
                                                      signature: ["GIÁM ĐỐC", "", "", "Phan Đình Trạc"]))
        XCTAssertEqual(plain.signerTitle, "GIÁM ĐỐC")
        XCTAssertFalse(plain.reviewFields.contains(.signingAuthority))
    }
}

extension PlausibilityTests {
    /// What a signature block or a date line must be under Nghị định 30, and is not as read.
    func testASignatureOrPlaceThatCannotBeAsReadIsNamed() {
        // A deputy signs KT. for the head; without the line, the authority was lost, and is put back.
        let deputy = signed("Trần Phước Hiền").signingAuthority
        XCTAssertEqual(deputy, "TM. ỦY BAN NHÂN DÂN")
        let lost = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", typeLine: "KẾ HOẠCH",
                                                     signature: ["PHÓ CHỦ TỊCH", "", "", "Trần Phước Hiền"]))
        XCTAssertEqual(lost.signingAuthority, "KT. CHỦ TỊCH")
        XCTAssertTrue(lost.reviewFields.contains(.signingAuthority), "\(lost.reviewReasons)")
        let head = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", typeLine: "KẾ HOẠCH",
                                                     signature: ["CHỦ TỊCH", "", "", "Trần Phước Hiền"]))
        XCTAssertFalse(head.reviewFields.contains(.signingAuthority), "a head signs in their own name")

        // A title that opens with no known position.
        let garbled = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", typeLine: "KẾ HOẠCH",
                                                        signature: ["KT. GIÁM ĐỐC", "PHÓ GIẢN ĐỐN", "", "", "Trần Phước Hiền"]), source: .ocr)
        XCTAssertEqual(garbled.signerTitle, "PHÓ GIẢN ĐỐN")
        XCTAssertTrue(garbled.reviewReasons.contains("signer_title “PHÓ GIẢN ĐỐN” opens with no known position"), "\(garbled.reviewReasons)")
        let long = Fixture.classify(Fixture.document(number: "Số: 12/KH-SYT", typeLine: "KẾ HOẠCH",
                                                     signature: ["GIÁM ĐỐC SỞ Y TẾ", "", "", "Trần Phước Hiền"]))
        XCTAssertFalse(long.reviewFields.contains(.signerTitle), "\(long.reviewReasons)")

        // The place column's first word glued onto the number.
        let glued = Fixture.classify(Fixture.document(number: "Số: 351/HD-DCThành", date: "phố Hồ Chí Minh, ngày 12 tháng 7 năm 2019",
                                                      typeLine: "HƯỚNG DẪN"), source: .ocr)
        XCTAssertTrue(glued.reviewFields.contains(.number), "\(glued.reviewReasons)")
        XCTAssertTrue(glued.reviewFields.contains(.place), "\(glued.reviewReasons)")

        // A place no gazetteer knows; a known one, with its level or without.
        for place in ["Hường Yên", "Hiếng Yên"] {
            let metadata = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", date: "\(place), ngày 12 tháng 7 năm 2019",
                                                             typeLine: "KẾ HOẠCH"), source: .ocr)
            XCTAssertTrue(metadata.reviewReasons.contains("place “\(place)” is in no gazetteer"), "\(metadata.reviewReasons)")
        }
        for place in ["Hưng Yên", "Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "Hà Nội", "Nghĩa Hành", "Thanh Hoá"] {
            let metadata = Fixture.classify(Fixture.document(number: "Số: 12/KH-UBND", date: "\(place), ngày 12 tháng 7 năm 2019",
                                                             typeLine: "KẾ HOẠCH"))
            XCTAssertFalse(metadata.reviewFields.contains(.place), "\(place): \(metadata.reviewReasons)")
        }
    }

    /// A place after its level in the agency's name must be one the gazetteer knows; the
    /// gazetteer's own names keep their spelling ("Đắk Lắk") without a doubt.
    func testAnAgencysPlaceIsTheGazetteersAndItsNamesAreWords() {
        func classified(_ agency: [String], date: String = "Buôn Ma Thuột, ngày 12 tháng 7 năm 2023") -> DocumentMetadata {
            Fixture.classify(Fixture.document(agency: agency, number: "Số: 12/KH-UBND", date: date, typeLine: "KẾ HOẠCH"), source: .ocr)
        }
        let garbled = classified(["HỘI ĐỒNG NHÂN DÂN", "ĐẮK LẮK TỈNH ĐẮK I"])
        XCTAssertTrue(garbled.reviewReasons.contains("agency names “ĐẮK I” as a place, and the gazetteer knows no such place"),
                      "\(garbled.reviewReasons)")
        for agency in [["ỦY BAN NHÂN DÂN", "TỈNH ĐẮK LẮK"], ["SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI TỈNH ĐẮK LẮK"],
                       ["ỦY BAN NHÂN DÂN", "QUẬN 1"], ["ỦY BAN NHÂN DÂN", "THỊ XÃ BỈM SƠN"], ["BAN THƯỜNG VỤ", "TỈNH ỦY ĐẮK LẮK"]] {
            let metadata = classified(agency, date: "Đắk Lắk, ngày 12 tháng 7 năm 2023")
            XCTAssertFalse(metadata.reviewFields.contains(.agency), "\(agency): \(metadata.reviewReasons)")
            XCTAssertFalse(metadata.reviewFields.contains(.place), "\(agency): \(metadata.reviewReasons)")
        }
    }

    func testASubjectsBracketThatNeverClosesIsNamedAndAWrappedNumberIsOneWord() {
        let specked = Fixture.classify(Fixture.document(number: "Số: 12/UBND-NC", typeLine: nil,
                                                        subject: ["V/v tăng cường công (ác thi hành án hành chính"]), source: .ocr)
        XCTAssertTrue(specked.reviewReasons.contains("subject holds “(ác”, a bracket that never closes"), "\(specked.reviewReasons)")
        let closed = Fixture.classify(Fixture.document(number: "Số: 12/UBND-NC", typeLine: nil,
                                                       subject: ["V/v giao dự toán (sau khi HĐND tỉnh ban hành Nghị quyết)"]), source: .ocr)
        XCTAssertFalse(closed.reviewFields.contains(.subject), "\(closed.reviewReasons)")
        let wrapped = Fixture.classify(Fixture.document(number: "Số: 12/TTr-UBND", typeLine: nil,
                                                        subject: ["Về việc bãi bỏ Nghị quyết số 24/2013/NQ-", "HĐND ngày 10/12/2013 của HĐND tỉnh"]))
        XCTAssertEqual(wrapped.subject, "Về việc bãi bỏ Nghị quyết số 24/2013/NQ-HĐND ngày 10/12/2013 của HĐND tỉnh")
    }

    func testAnAgencyALetterFromAListedBodyIsNamed() {
        let garbled = Fixture.classify(Fixture.document(agency: ["UBND TỈNH HẢI PHÒNG", "SƠ THOÒNG TIN VÀ TRUYỀN THÔNG"],
                                                        number: "Số: 12/KH-STTTT", typeLine: "KẾ HOẠCH"), source: .ocr)
        XCTAssertTrue(garbled.reviewReasons.contains { $0.hasSuffix("is a letter from SỞ THÔNG TIN VÀ TRUYỀN THÔNG") },
                      "\(garbled.reviewReasons)")
        // A listed body as spelt, though another listed one is a letter from it (BỘ and SỞ).
        let right = Fixture.classify(Fixture.document(agency: ["UBND TỈNH HẢI PHÒNG", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"],
                                                      number: "Số: 12/KH-SNNMT", typeLine: "KẾ HOẠCH"), source: .ocr)
        XCTAssertFalse(right.reviewFields.contains(.agency), "\(right.reviewReasons)")
    }
}
