import Classifier
import DocumentModel
import XCTest

final class StampAndSignatureTests: XCTestCase {
    func testSecrecyAndUrgencyStamps() {
        var text = Fixture.document(number: "Số: 12/KH-UBND", typeLine: "KẾ HOẠCH")
        text = text.replacingOccurrences(of: "\n\n  Số:", with: "\n              TỐI MẬT\n  Số:")
        text = "   HỎA TỐC\n" + text
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.secrecy, .toiMat)
        XCTAssertEqual(metadata.urgency, .hoaToc)
        XCTAssertEqual(metadata.docType, .keHoach)
    }

    func testOldStyleToneAndSingleWordStamps() {
        let text = "THƯỢNG KHẨN\nMẬT\n" + Fixture.document(number: "Số: 3/CĐ-UBND", typeLine: "CÔNG ĐIỆN")
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.secrecy, .mat)
        XCTAssertEqual(metadata.urgency, .thuongKhan)
        let hoa = Fixture.classify("HOẢ TỐC\n" + Fixture.document(number: "Số: 4/CĐ-UBND", typeLine: "CÔNG ĐIỆN"))
        XCTAssertEqual(hoa.urgency, .hoaToc)
        XCTAssertEqual(hoa.docType, .congDien)
    }

    func testAStampWithAWordALetterOffIsReadAndNamedForReview() {
        let base = Fixture.document(number: "Số: 42/QĐ-UBND", typeLine: "QUYẾT ĐỊNH")
        let garbled = Fixture.classify(base.replacingOccurrences(of: "\n\n  Số:", with: "\n              TỔỐI MẬT\n  Số:"),
                                       source: .ocr)
        XCTAssertEqual(garbled.secrecy, .toiMat)
        XCTAssertTrue(garbled.reviewFields.contains(.secrecy), "\(garbled.reviewReasons)")
        XCTAssertTrue(garbled.reviewReasons.contains { $0.contains("“TỔỐI MẬT”") }, "\(garbled.reviewReasons)")
        let urgent = Fixture.classify("THỨC KHẨM\n" + base, source: .ocr)
        XCTAssertNil(urgent.urgency, "both words off is no stamp")
        let exact = Fixture.classify(base.replacingOccurrences(of: "\n\n  Số:", with: "\n              TỐI MẬT\n  Số:"))
        XCTAssertEqual(exact.secrecy, .toiMat)
        XCTAssertFalse(exact.reviewFields.contains(.secrecy))
        // One-word stamps are never guessed: "MẠT" is not MẬT's misreading for certain.
        XCTAssertNil(Fixture.classify(base.replacingOccurrences(of: "\n\n  Số:", with: "\n              MẠC\n  Số:")).secrecy)
    }

    func testAPositionKeepsAWordASpeckWasGluedTo() {
        for (line, title) in [("PHÓ. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"), ("_PHÓ, CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
                              ("- Như trên: DONN PHÔ CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
                              ("N GIÁM ĐỐC", "GIÁM ĐỐC"), ("GIÁM ĐỐC SỞ Y TẾ", "GIÁM ĐỐC SỞ Y TẾ")] {
            let text = Fixture.document(number: "Số: 253/HD-SGDĐT", typeLine: "HƯỚNG DẪN",
                                        signature: [line, "", "", "Nguyễn Thị Thu Huyền"])
            XCTAssertEqual(Fixture.classify(text, source: .ocr).signerTitle, title, line)
        }
    }

    func testAPositionWhoseWordsOCRGluedIsReadAsTheKnownPosition() {
        for (line, title) in [("PHÓGIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), ("THỨTRƯỞNG", "THỨ TRƯỞNG"), ("CHỦTỊCH", "CHỦ TỊCH")] {
            let text = Fixture.document(number: "Số: 253/HD-SGDĐT", typeLine: "HƯỚNG DẪN",
                                        signature: ["KT. BỘ TRƯỞNG", line, "", "", "Nguyễn Thị Thu Huyền"])
            let metadata = Fixture.classify(text, source: .ocr)
            XCTAssertEqual(metadata.signerTitle, title, line)
            XCTAssertEqual(metadata.signer, "Nguyễn Thị Thu Huyền", line)
        }
        // Letters that spell no position stay no position.
        let unknown = Fixture.document(number: "Số: 253/HD-SGDĐT", typeLine: "HƯỚNG DẪN",
                                       signature: ["VĂNPHÒNG", "", "", "Nguyễn Thị Thu Huyền"])
        XCTAssertNil(Fixture.classify(unknown, source: .ocr).signerTitle)
    }

    func testAnAuthorityWhosePrefixOCRSetOnARowOfItsOwnIsStillTheAuthority() {
        let text = Fixture.document(number: "Số: 253/HD-CT", typeLine: "HƯỚNG DẪN",
                                    signature: ["CỤC TRƯỞNG", "ý KT.", "PHÓ CỤC TRƯỞNG", "", "Phạm Quốc Việt"])
        let metadata = Fixture.classify(text, source: .ocr)
        XCTAssertEqual(metadata.signingAuthority, "KT. CỤC TRƯỞNG")
        XCTAssertEqual(metadata.signerTitle, "PHÓ CỤC TRƯỞNG")
        // Specks between two positions still make them two positions in a row.
        let specks = Fixture.classify(Fixture.document(number: "Số: 253/HD-CT", typeLine: "HƯỚNG DẪN",
                                                       signature: ["ai (Và CHỦ TỊCH", "sa", "_PHÓ CHỦ TỊCH", "", "Châu Văn Lâm"]),
                                      source: .ocr)
        XCTAssertEqual(specks.signerTitle, "PHÓ CHỦ TỊCH")
        XCTAssertTrue(specks.reviewFields.contains(.signingAuthority), "\(specks.reviewReasons)")
        // A recipients' row that ends in the same letters is no authority.
        let kept = Fixture.classify(Fixture.document(number: "Số: 253/HD-CT", typeLine: "HƯỚNG DẪN",
                                                     signature: ["", "", "", "GIÁM ĐỐC", "- Lưu: VT, KT.", "Phạm Quốc Việt"]),
                                    source: .ocr)
        XCTAssertEqual(kept.signerTitle, "GIÁM ĐỐC")
        XCTAssertNil(kept.signingAuthority)
    }

    func testAPositionALetterOffIsPutBackAndNamed() {
        for (line, known) in [("PHÓ CC TRƯỞNG", "PHÓ CỤC TRƯỞNG"), ("HỦ TỊCH", "CHỦ TỊCH"), ("PHÓ GIÁM ĐỐ", "PHÓ GIÁM ĐỐC"),
                              // The office's own word with a letter added: no office word to find it by.
                              ("“CHÁẢNH VĂN PHÒNG", "CHÁNH VĂN PHÒNG"),
                              // A letter read as another in a blurred serif face, or a symbol for it;
                              // a title that goes on past its position keeps the rest.
                              ("CH©NH VĂN PHÒNG", "CHÁNH VĂN PHÒNG"), ("GIÝM ĐỐC SỞ Y TẾ", "GIÁM ĐỐC SỞ Y TẾ"),
                              ("CHẺ TỊCH QUỐC HỘI", "CHỦ TỊCH QUỐC HỘI"), ("— VỆTRƯỞNG", "VỤ TRƯỞNG"),
                              // G for C, the one pair of capitals mended at a word's start.
                              ("PHÓ GHỦ TỊCH", "PHÓ CHỦ TỊCH"), ("GỤC TRƯỞNG", "CỤC TRƯỞNG"),
                              // The first letter of a long word, glued or not.
                              ("_ — SIÁMĐỐC", "GIÁM ĐỐC"), ("PHÓ CHÁNH VĂN THÒNG", "PHÓ CHÁNH VĂN PHÒNG"),
                              ("THÓ CHỦ TỊCH", "PHÓ CHỦ TỊCH")] {
            let text = Fixture.document(number: "Số: 253/HD-CT", typeLine: "HƯỚNG DẪN", signature: [line, "", "", "Phạm Quốc Việt"])
            let metadata = Fixture.classify(text, source: .ocr)
            XCTAssertEqual(metadata.signerTitle, known, line)
            XCTAssertTrue(metadata.reviewReasons.contains { $0.contains("read as “\(known)”, a letter off") }, "\(metadata.reviewReasons)")
        }
        // A short title's short word keeps its first letter: it is most of the evidence.
        let otherStart = Fixture.document(number: "Số: 253/HD-CT", typeLine: "HƯỚNG DẪN", signature: ["XỤ TRƯỞNG", "", "", "Phạm Quốc Việt"])
        XCTAssertEqual(Fixture.classify(otherStart, source: .ocr).signerTitle, "XỤ TRƯỞNG")
        // A known position is never moved to its neighbour.
        let known = Fixture.document(number: "Số: 253/HD-CT", typeLine: "HƯỚNG DẪN", signature: ["VỤ TRƯỞNG", "", "", "Phạm Quốc Việt"])
        XCTAssertEqual(Fixture.classify(known, source: .ocr).signerTitle, "VỤ TRƯỞNG")
    }

    func testAPositionsWordSetSmallIsStillThePosition() {
        for (line, known) in [("cục TRƯỞNG", "CỤC TRƯỞNG"), ("THỨ tRƯỞNG", "THỨ TRƯỞNG")] {
            let text = Fixture.document(number: "Số: 253/HD-CT", typeLine: "HƯỚNG DẪN", signature: ["TL. BỘ TRƯỞNG", line, "", "Châu Văn Lâm"])
            XCTAssertEqual(Fixture.classify(text, source: .ocr).signerTitle, known, line)
        }
        let recipient = Fixture.document(number: "Số: 253/HD-CT", typeLine: "HƯỚNG DẪN", signature: ["TL. BỘ TRƯỞNG", "sở TRƯỞNG", "", "Châu Văn Lâm"])
        XCTAssertNil(Fixture.classify(recipient, source: .ocr).signerTitle, "no position is spelt so")
    }

    /// A deputy signs for the head, KT. (Phụ lục I, ô 7a): each lost half is put back from the other.
    func testTheDeputySignsForTheHead() {
        let lostPHO = Fixture.document(number: "Số: 25/KH-UBND", typeLine: "KẾ HOẠCH",
                                       signature: ["KT. CHỦ TỊCH", "`8 T'HÓ CHỦ TỊCH", "", "Huỳnh Ngọc Ánh"])
        let deputy = Fixture.classify(lostPHO, source: .ocr)
        XCTAssertEqual(deputy.signerTitle, "PHÓ CHỦ TỊCH")
        XCTAssertTrue(deputy.reviewFields.contains(.signerTitle), "\(deputy.reviewReasons)")
        for (title, head) in [("PHÓ GIÁM ĐỐC", "GIÁM ĐỐC"), ("THỨ TRƯỞNG", "BỘ TRƯỞNG")] {
            let lostLine = Fixture.document(number: "Số: 25/KH-SNV", typeLine: "KẾ HOẠCH", signature: [title, "", "Võ Minh Đức"])
            let metadata = Fixture.classify(lostLine, source: .ocr)
            XCTAssertEqual(metadata.signingAuthority, "KT. \(head)", title)
            XCTAssertTrue(metadata.reviewFields.contains(.signingAuthority), "\(metadata.reviewReasons)")
        }
        // The head over the deputy, its prefix lost to a speck.
        let specked = Fixture.document(number: "Số: 25/KH-UBND", typeLine: "KẾ HOẠCH",
                                       signature: ["sa 1# Ý, CHỦ TỊCH", "¬ _PHÓ CHỦ TỊCH", "", "Huỳnh Ngọc Ánh"])
        let read = Fixture.classify(specked, source: .ocr)
        XCTAssertEqual(read.signingAuthority, "KT. CHỦ TỊCH")
        XCTAssertEqual(read.signerTitle, "PHÓ CHỦ TỊCH")
        XCTAssertTrue(read.reviewFields.contains(.signingAuthority), "\(read.reviewReasons)")
        let whole = Fixture.classify(Fixture.document(number: "Số: 25/KH-UBND", typeLine: "KẾ HOẠCH"), source: .ocr)
        XCTAssertEqual(whole.signerTitle, "PHÓ CHỦ TỊCH")
        XCTAssertFalse(whole.reviewFields.contains(.signerTitle), "\(whole.reviewReasons)")
        XCTAssertFalse(whole.reviewFields.contains(.signingAuthority), "\(whole.reviewReasons)")
    }

    func testRecipientsWhoseFirstWordIsWornStillAnchorTheSignature() {
        // A draft attached after it, a page of text below, has a recipients' list and a name of its own.
        let body = String(repeating: "Điều khoản của dự thảo nghị quyết, nội dung chi tiết.\n", count: 20)
        let draft = "\n\nDỰ THẢO\n" + body + "Nơi nhận:                                   TM. HỘI ĐỒNG NHÂN DÂN\n- Như trên;                                 CHỦ TỊCH\n\n                                            Bùi Thị Quỳnh Vân"
        for worn in ["(ơi nhận:", "Ai nhận:"] {
            let text = Fixture.document(number: "Số: 45/TTr-UBND", typeLine: "TỜ TRÌNH",
                                        signature: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Nguyễn Hoàng Giang"])
                .replacingOccurrences(of: "Nơi nhận:", with: worn)
            XCTAssertEqual(Fixture.classify(text + draft, source: .ocr).signer, "Nguyễn Hoàng Giang", worn)
        }
    }

    /// TRƯỜNG (a school, a market) folds as TRƯỞNG does: a header's "QUẢN LÝ THỊ TRƯỜNG"
    /// within reach of a short document's signature is no position.
    func testAMarketIsNoOffice() {
        let text = """
        BỘ CÔNG THƯƠNG                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        TỔNG CỤC                          Độc lập - Tự do - Hạnh phúc
        QUẢN LÝ THỊ TRƯỜNG
        Số: 12/TB-TCQLTT                  Hà Nội, ngày 12 tháng 7 năm 2023
                              THÔNG BÁO
        Kết quả kiểm tra việc chấp hành pháp luật.
        Nơi nhận:                         TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI
        - Như trên;                       CHỦ TỊCH
        - Lưu: VT.
                                          Lê Thị Mỹ Dung
        """
        let metadata = Fixture.classify(text, source: .ocr)
        XCTAssertEqual(metadata.signerTitle, "CHỦ TỊCH")
        XCTAssertEqual(metadata.signingAuthority, "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI")
    }

    func testANameWrappedAfterItsFamilyNameIsReadWhole() {
        let text = Fixture.document(number: "Số: 45/QĐ-UBND", typeLine: "QUYẾT ĐỊNH", signature: ["CHỦ TỊCH", "", "", "Nguyễn", "Xuân Quang"])
        XCTAssertEqual(Fixture.classify(text, source: .ocr).signer, "Nguyễn Xuân Quang")
    }

    /// A collective body over the position whose TM. was lost, and an authority's position
    /// a letter off (a stacked mark read as a second vowel), are put back and named.
    func testAnAuthorityLineReadWrongIsPutBackAndNamed() {
        for (line, title, authority) in [("__M. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"),
                                         ("CHÍNH PHỦ", "THỦ TƯỚNG", "TM. CHÍNH PHỦ"),
                                         ("KT. GIÁẤM ĐỐC", "PHÓ GIÁM ĐỐC", "KT. GIÁM ĐỐC"),
                                         ("TM. THƯỜNG TRỤỰC", "CHỦ TỊCH", "TM. THƯỜNG TRỰC")] {
            let text = Fixture.document(number: "Số: 25/QĐ-UBND", typeLine: "QUYẾT ĐỊNH", signature: [line, title, "", "Lâm Thị Ngọc Yến"])
            let metadata = Fixture.classify(text, source: .ocr)
            XCTAssertEqual(metadata.signingAuthority, authority, line)
            XCTAssertEqual(metadata.signerTitle, title, line)
            XCTAssertTrue(metadata.reviewFields.contains(.signingAuthority), "\(metadata.reviewReasons)")
        }
        let noPosition = Fixture.document(number: "Số: 25/QĐ-UBND", typeLine: "QUYẾT ĐỊNH",
                                          signature: ["ỦY BAN NHÂN DÂN", "", "", "Lâm Thị Ngọc Yến"])
        XCTAssertNil(Fixture.classify(noPosition, source: .ocr).signingAuthority, "a seal's ring alone is no authority")
        let body = Fixture.document(number: "Số: 253/HD-CT", typeLine: "HƯỚNG DẪN",
                                    signature: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Châu Văn Lâm"])
        let kept = Fixture.classify(body, source: .ocr)
        XCTAssertEqual(kept.signingAuthority, "TM. ỦY BAN NHÂN DÂN", "a body is no position a letter off")
        XCTAssertFalse(kept.reviewFields.contains(.signingAuthority), "\(kept.reviewReasons)")
    }

    func testAPositionThatLostItsFirstLettersIsNamedForReview() {
        for (line, known) in [("ỆU TRƯỞNG", "HIỆU TRƯỞNG")] {
            let text = Fixture.document(number: "Số: 253/HD-CT", typeLine: "HƯỚNG DẪN", signature: [line, "", "", "Phạm Quốc Việt"])
            let metadata = Fixture.classify(text, source: .ocr)
            XCTAssertTrue(metadata.reviewFields.contains(.signerTitle), line)
            XCTAssertTrue(metadata.reviewReasons.contains { $0.contains("\(known) is") }, "\(metadata.reviewReasons)")
        }
        // Nor is it mended into another position a letter from it: "ỨTRƯỞNG" lost THỨ's
        // "TH", not VỤ's V.
        let lost = Fixture.document(number: "Số: 253/HD-CT", typeLine: "HƯỚNG DẪN", signature: ["ỨTRƯỞNG", "", "", "Phạm Quốc Việt"])
        XCTAssertNotEqual(Fixture.classify(lost, source: .ocr).signerTitle, "VỤ TRƯỞNG")
        let whole = Fixture.document(number: "Số: 253/HD-CT", typeLine: "HƯỚNG DẪN", signature: ["CỤC TRƯỞNG", "", "", "Phạm Quốc Việt"])
        XCTAssertFalse(Fixture.classify(whole, source: .ocr).reviewFields.contains(.signerTitle))
        let council = Fixture.document(number: "Số: 25/NQ-HĐND", typeLine: "NGHỊ QUYẾT",
                                       signature: ["TM. THƯỜNG TRỤC", "CHỦ TỊCH", "", "Phạm Quốc Việt"])
        XCTAssertEqual(Fixture.classify(council, source: .ocr).signingAuthority, "TM. THƯỜNG TRỰC")
    }

    func testPHOSetOnARowOfItsOwnStaysInThePosition() {
        let text = Fixture.document(number: "Số: 25/KH-UBND", typeLine: "KẾ HOẠCH",
                                    signature: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH", "._PHÓ", "", "Huỳnh Ngọc Ánh"])
        let metadata = Fixture.classify(text, source: .ocr)
        XCTAssertEqual(metadata.signingAuthority, "KT. CHỦ TỊCH")
        XCTAssertEqual(metadata.signerTitle, "PHÓ CHỦ TỊCH")
        XCTAssertEqual(metadata.signer, "Huỳnh Ngọc Ánh")
    }

    /// What stands around and in the block: a city above it is no position; a modifier
    /// letter read from a speck ("ˆ_.CHỦ") is no letter of the position; a prefix may have
    /// its stop doubled.
    func testTheSignatureIsReadThroughWhatSurroundsIt() {
        for (signature, recipients, authority, title) in [
            (["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "", "Đinh Ngọc Quỳnh"], "THÀNH PHỐ HỒ CHÍ MINH\nNơi nhận:",
             "KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"),
            (["TM. ỦY BAN NHÂN DÂN", "` ˆ_.CHỦ TỊCH", "", "Lê Đức Thắng"], "Ai nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
            // A stop doubled after the prefix ("TL,.").
            (["TL,.CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "", "Đoàn Ngọc Hải"], "Nơi nhận:", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
        ] {
            let text = Fixture.document(number: "Số: 255/KH-DCT", typeLine: "KẾ HOẠCH", signature: signature)
                .replacingOccurrences(of: "Nơi nhận:", with: recipients)
            let metadata = Fixture.classify(text, source: .ocr)
            XCTAssertEqual(metadata.signingAuthority, authority, recipients)
            XCTAssertEqual(metadata.signerTitle, title, recipients)
        }
    }

    func testANameASpeckFellInsideIsReadWhole() {
        for (line, signer) in [("Trần ,Quốc Tuấn", "Trần Quốc Tuấn"), ("Nguyễn. Đức Quỳnh", "Nguyễn Đức Quỳnh"),
                               // A ring's arc broke the family name in two.
                               ("Trị nh Xuân Thủy", "Trịnh Xuân Thủy"), ("Hùy nh Tấn Đạt", "Huỳnh Tấn Đạt"), ("L âm Thị Ngọc Yến", "Lâm Thị Ngọc Yến"),
                               // Two syllables glued: no syllable has a capital inside.
                               ("-._ LêThị Mỹ Dung", "Lê Thị Mỹ Dung"), ("`. Quách“ThếSơn", "Quách Thế Sơn")] {
            let text = Fixture.document(number: "Số: 253/HD-SGDĐT", typeLine: "HƯỚNG DẪN",
                                        signature: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", line])
            XCTAssertEqual(Fixture.classify(text, source: .ocr).signer, signer, line)
        }
        // A recipient beside the name is still not taken for part of it.
        let beside = Fixture.document(number: "Số: 253/HD-SGDĐT", typeLine: "HƯỚNG DẪN",
                                      signature: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "- Sở Nội vụ, Trần Quốc Tuấn"])
        XCTAssertEqual(Fixture.classify(beside, source: .ocr).signer, "Trần Quốc Tuấn")
        XCTAssertFalse(Fixture.classify(beside, source: .ocr).reviewReasons.contains { $0.contains("before the signer's name") })
        // A name's first word read in capitals ends the run: what is left is named.
        let capitals = Fixture.document(number: "Số: 253/HD-SGDĐT", typeLine: "HƯỚNG DẪN",
                                        signature: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "N _— LỆ Hoàng Phúc"])
        let cut = Fixture.classify(capitals, source: .ocr)
        XCTAssertEqual(cut.signer, "Hoàng Phúc")
        XCTAssertTrue(cut.reviewReasons.contains("“LỆ”, right before the signer's name, may be its first word"), "\(cut.reviewReasons)")
        let apart = Fixture.classify(capitals.replacingOccurrences(of: "N _— LỆ", with: "1 y"), source: .ocr)
        XCTAssertEqual(apart.signer, "Hoàng Phúc")
        XCTAssertTrue(apart.reviewReasons.contains("“y”, right before the signer's name, may be its first word"), "\(apart.reviewReasons)")
        // Pieces that spell no family name are not joined.
        let broken = Fixture.document(number: "Số: 253/HD-SGDĐT", typeLine: "HƯỚNG DẪN",
                                      signature: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Tr ong Xuân Thủy"])
        XCTAssertNil(Fixture.classify(broken, source: .ocr).signer)
    }

    func testProseAboutSecretsIsNotAStamp() {
        let text = Fixture.document(number: "Số: 3070/KH-UBND", typeLine: "KẾ HOẠCH", subject: [
            "Khắc phục hạn chế trong việc chấp hành các quy định",
            "về Bảo vệ bí mật nhà nước năm 2024",
        ]) + "\nĐề nghị các đơn vị khẩn trương thực hiện, bảo vệ bí mật nhà nước, tài liệu mật."
        let metadata = Fixture.classify(text)
        XCTAssertNil(metadata.secrecy)
        XCTAssertNil(metadata.urgency)
        XCTAssertEqual(metadata.subject, "Khắc phục hạn chế trong việc chấp hành các quy định về Bảo vệ bí mật nhà nước năm 2024")
    }

    func testSignatureInterleavedWithRecipientsTLAndKT() {
        let text = Fixture.document(number: "Số: 542/TB-UBND", typeLine: "THÔNG BÁO", signature: [
            "TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "", "", "", "Phùng Tô Long",
        ])
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.signingAuthority, "KT. CHÁNH VĂN PHÒNG")
        XCTAssertEqual(metadata.signerTitle, "PHÓ CHÁNH VĂN PHÒNG")
        XCTAssertEqual(metadata.signer, "Phùng Tô Long")
    }

    func testFlatOCRSignatureWithSealNoiseAndNameBesideARecipient() {
        let page1 = Fixture.document(number: "Số: 299/UBND-TTHC", typeLine: nil, subject: ["V/v công bố Danh mục TTHC"],
                                     signature: [])
        let page2 = """
        đặt trụ sở chính trên địa bàn tỉnh./.

        Nơi nhận: TM. ỦY BAN NHÂN DÂN
        - Như trên; CHỦ TỊCH
        - PCT UBND tỉnh; ¬ ⁄ồ .
        - VPUB: CVP, PCVP; ;É}
        - Cổng TTĐT tỉnh; Nguyễn Hoàng Giang
        - Lưu: VT, TTHC(Tm).
        """
        let metadata = Fixture.classify(page1.replacingOccurrences(of: "Nơi nhận:", with: "Gửi:"), page2, source: .ocr)
        XCTAssertEqual(metadata.docType, .congVan)
        XCTAssertEqual(metadata.signingAuthority, "TM. ỦY BAN NHÂN DÂN")
        XCTAssertEqual(metadata.signerTitle, "CHỦ TỊCH")
        XCTAssertEqual(metadata.signer, "Nguyễn Hoàng Giang")
    }

    func testSubjectOpeningWithThucHien() {
        let text = Fixture.document(number: "Số: 360/HD-SNV", typeLine: "HƯỚNG DẪN", subject: [
            "Thực hiện Chương trình mục tiêu quốc gia phát triển",
            "kinh tế - xã hội vùng đồng bào dân tộc thiểu số và",
            "miền núi",
        ])
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.docType, .huongDan)
        XCTAssertEqual(metadata.subject,
                       "Thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi")
    }

    func testAuthorisedSignatureKeepsTheSignersOwnPosition() {
        let text = Fixture.document(number: "Số: 77/QĐ-UBND", typeLine: "QUYẾT ĐỊNH", signature: [
            "TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ Y TẾ", "", "", "Huỳnh Ngọc Ánh",
        ])
        let metadata = Fixture.classify(text)
        XCTAssertEqual(metadata.signingAuthority, "TUQ. CHỦ TỊCH")
        XCTAssertEqual(metadata.signerTitle, "GIÁM ĐỐC SỞ Y TẾ")
        XCTAssertEqual(metadata.signer, "Huỳnh Ngọc Ánh")
    }

    func testTitleWithoutAuthorityAndRecipientsThatLookLikeNames() {
        let text = Fixture.document(number: "Số: 142/QĐ-UBND", typeLine: "QUYẾT ĐỊNH", signature: [
            "CHỦ TỊCH", "", "", "", "- Sở Nội Vụ", "Nguyễn Xuân Quang",
        ])
        let metadata = Fixture.classify(text)
        XCTAssertNil(metadata.signingAuthority)
        XCTAssertEqual(metadata.signerTitle, "CHỦ TỊCH")
        XCTAssertEqual(metadata.signer, "Nguyễn Xuân Quang")
    }

    func testSignatureOfTheMainDocumentNotOfAnAttachment() {
        let main = Fixture.document(number: "Số: 09/TTr-UBND", typeLine: "TỜ TRÌNH")
        let draft = """
        HỘI ĐỒNG NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        TỈNH QUẢNG NGÃI                      Độc lập - Tự do - Hạnh phúc
        Số:    /2025/NQ-HĐND               Quảng Ngãi, ngày    tháng    năm 2025
                                  DỰ THẢO
                                NGHỊ QUYẾT
        Nơi nhận:                                  CHỦ TỊCH
        - Như Điều 3;
                                                Bùi Thị Quỳnh Vân
        """
        let metadata = Fixture.classify(main, draft)
        XCTAssertEqual(metadata.docType, .toTrinh)
        XCTAssertEqual(metadata.number, "09/TTr-UBND")
        XCTAssertEqual(metadata.signer, "Trần Phước Hiền")
        XCTAssertEqual(metadata.signingAuthority, "KT. CHỦ TỊCH")
    }

    func testSignaturePageOnly() {
        let text = """
        2. Bãi bỏ các quy định tại khoản 8 Điều 4 Nghị định số 151/2013/NĐ-CP./.
        Nơi nhận:
        - Ban Bí thư Trung ương Đảng;
        - Thủ tướng, các Phó Thủ tướng Chính phủ;
        - Lưu: VT, ĐMDN (2b).
        Nguyễn Xuân Phúc
        """
        let metadata = Fixture.classify(text, source: .ocr)
        XCTAssertEqual(metadata.signer, "Nguyễn Xuân Phúc")
        XCTAssertNil(metadata.number)
        XCTAssertEqual(metadata.docType, .unknown)
        XCTAssertTrue(metadata.needsReview)
    }
}

/// The check the OCR stage asks of a seal's foot before it reads it again, and the doubt a
/// name so chosen carries.
final class SignerNameCheckTests: XCTestCase {
    func testALineHoldsAPlacedNameOnlyWhenEverySyllableIsANameAsRead() {
        for line in ["Trần Thị Bích Hằng", "¬ Phạm Quốc Việt", "` . Lâm Thị Ngọc Yến", "Nguyễn Văn An"] {
            XCTAssertTrue(SignerNameCheck.holdsPlacedName(line), line)
        }
        // Letters the ring cut ("Trầu", "Câm"), a mark slipped onto a name ("Thánh"), no
        // family name first, a recipient, a position.
        for line in ["Trầu Thị Bích Hằng", "Câm Thị Ngọc Yến", "Thái Thánh Quý", "Thị Bích Hằng", "- Sở Nội Vụ", "PHÓ CHỦ TỊCH", ""] {
            XCTAssertFalse(SignerNameCheck.holdsPlacedName(line), line)
        }
    }

    func testANameTakenFromAnotherReadingUnderTheSealIsNamedForReview() {
        let text = Fixture.document(number: "Số: 12/QĐ-UBND", typeLine: "QUYẾT ĐỊNH",
                                    signature: ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Lâm Thị Ngọc Yến"])
        var page = RecognizedPage(number: 1, text: text, source: .ocr)
        XCTAssertFalse(DocumentClassifier().classify([page]).reviewFields.contains(.signer))
        var report = PageCleanupReport()
        report.sealNamesReread = 1
        page.cleanup = report
        let reread = DocumentClassifier().classify([page])
        XCTAssertEqual(reread.signer, "Lâm Thị Ngọc Yến")
        XCTAssertTrue(reread.reviewFields.contains(.signer), "\(reread.reviewReasons)")
    }
}
