import Foundation

/// Broken and malicious inputs, written byte by byte so that each test shows exactly
/// what is wrong with the file it feeds in.
public enum HostileFiles {
    /// A one-page PDF whose trailer names a standard security handler: opening it needs a
    /// password that nobody has.
    public static func encryptedPDF() -> Data {
        let encrypt = "<< /Filter /Standard /V 1 /R 2 /P -44 /O <\(String(repeating: "6b", count: 32))> /U <\(String(repeating: "3c", count: 32))> >>"
        return pdf(objects: [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            encrypt,
        ], trailerExtra: "/Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]")
    }

    /// A PDF whose only page is blank: a valid file with nothing to read.
    public static func blankPDF() -> Data {
        pdf(objects: [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ])
    }

    /// A text PDF of `pages` pages, each with its own content stream: streamed page by
    /// page, it must not need memory in proportion to its length.
    public static func longPDF(pages: Int) -> Data {
        var objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [\((0..<pages).map { "\(4 + 2 * $0) 0 R" }.joined(separator: " "))] /Count \(pages) >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        for index in 0..<pages {
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents \(5 + 2 * index) 0 R >>")
            let text = "BT /F1 12 Tf 72 760 Td (Bao cao tong hop, trang \(index + 1) cua ho so luu tru) Tj ET"
            objects.append("<< /Length \(text.utf8.count) >>\nstream\n\(text)\nendstream")
        }
        return pdf(objects: objects)
    }

    /// A one-page text PDF carrying `padding` bytes of noise in an object no page uses:
    /// a file that is quick to read but takes room to store.
    public static func paddedTextPDF(text: String, padding: Int, seed: UInt64) -> Data {
        var generator = seed | 1
        let noise = (0..<padding).map { _ -> String in
            generator = generator &* 6364136223846793005 &+ 1442695040888963407
            return String(format: "%02x", UInt8(truncatingIfNeeded: generator >> 33))
        }.joined()
        let content = "BT /F1 12 Tf 72 760 Td (\(text)) Tj ET"
        return pdf(objects: [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Length \(noise.utf8.count) >>\nstream\n\(noise)\nendstream",
        ])
    }

    /// A PNG header that claims `width × height` pixels, followed by no image data: a
    /// decompression bomb must be refused from its header alone.
    public static func pngClaiming(width: UInt32, height: UInt32) -> Data {
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var ihdr = Data("IHDR".utf8)
        ihdr.append(contentsOf: bigEndian(width) + bigEndian(height) + [8, 0, 0, 0, 0])
        data.append(contentsOf: bigEndian(13))
        data.append(ihdr)
        data.append(contentsOf: bigEndian(crc32(ihdr)))
        for type in ["IDAT", "IEND"] {
            data.append(contentsOf: bigEndian(0))
            data.append(Data(type.utf8))
            data.append(contentsOf: bigEndian(crc32(Data(type.utf8))))
        }
        return data
    }

    private static func pdf(objects: [String], trailerExtra: String = "") -> Data {
        var body = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(body.utf8.count)
            body += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = body.utf8.count
        body += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            body += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        body += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R \(trailerExtra) >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(body.utf8)
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
