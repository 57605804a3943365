import Foundation

/// An ICC version 2 display profile of sRGB (IEC 61966-2.1), built from the standard's own
/// numbers: the PDF/A output intent of every searchable PDF, which PDF/A requires before a
/// page may use device colour (our page images are DeviceGray).
///
/// Built here rather than read from a system file, so that the bytes are the same on
/// every machine and no package must be installed for them. The colorants are sRGB's
/// primaries adapted to the D50 connection space (Bradford), as the ICC publishes them;
/// the tone curve is sRGB's own (linear below 0.04045, a 2.4 power above), sampled at
/// 1,024 points.
enum SRGBProfile {
    static let data: Data = {
        var tags: [(signature: String, data: [UInt8])] = []
        let curve = curveTag()
        tags.append(("desc", descriptionTag("sRGB IEC61966-2.1")))
        tags.append(("cprt", textTag("No copyright, use freely")))
        tags.append(("wtpt", xyzTag(0.9505, 1.0, 1.0891)))
        tags.append(("rXYZ", xyzTag(0.4360747, 0.2225045, 0.0139322)))
        tags.append(("gXYZ", xyzTag(0.3850649, 0.7168786, 0.0971045)))
        tags.append(("bXYZ", xyzTag(0.1430804, 0.0606169, 0.7141733)))
        tags.append(("rTRC", curve))
        tags.append(("gTRC", curve))
        tags.append(("bTRC", curve))

        var offset = 128 + 4 + 12 * tags.count
        var table: [UInt8] = uint32(UInt32(tags.count))
        var body: [UInt8] = []
        for tag in tags {
            table += Array(tag.signature.utf8) + uint32(UInt32(offset)) + uint32(UInt32(tag.data.count))
            var data = tag.data
            while data.count % 4 != 0 { data.append(0) }
            body += data
            offset += data.count
        }
        var header = uint32(UInt32(offset))             // profile size
        header += [0, 0, 0, 0]                           // preferred CMM: none
        header += [0x02, 0x10, 0, 0]                     // version 2.1
        header += Array("mntrRGB XYZ ".utf8)             // display class, RGB data, XYZ connection space
        header += [0x07, 0xEA, 0, 12, 0, 7, 0, 0, 0, 0, 0, 0]  // 2026-12-07 00:00:00
        header += Array("acsp".utf8)
        header += [UInt8](repeating: 0, count: 4 + 4 + 4 + 4 + 8)  // platform, flags, maker, model, attributes
        header += uint32(0)                              // perceptual intent
        header += s15Fixed16(0.9642) + s15Fixed16(1.0) + s15Fixed16(0.8249)  // D50
        header += [UInt8](repeating: 0, count: 4 + 16 + 28)  // creator, id, reserved
        precondition(header.count == 128)
        return Data(header + table + body)
    }()

    private static func uint32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func s15Fixed16(_ value: Double) -> [UInt8] {
        uint32(UInt32(bitPattern: Int32((value * 65_536).rounded())))
    }

    private static func xyzTag(_ x: Double, _ y: Double, _ z: Double) -> [UInt8] {
        Array("XYZ ".utf8) + uint32(0) + s15Fixed16(x) + s15Fixed16(y) + s15Fixed16(z)
    }

    private static func textTag(_ text: String) -> [UInt8] {
        Array("text".utf8) + uint32(0) + Array(text.utf8) + [0]
    }

    /// `textDescriptionType`: the ASCII name, then empty Unicode and ScriptCode names.
    private static func descriptionTag(_ name: String) -> [UInt8] {
        let ascii = Array(name.utf8) + [0]
        return Array("desc".utf8) + uint32(0) + uint32(UInt32(ascii.count)) + ascii
            + uint32(0) + uint32(0) + [0, 0] + [0] + [UInt8](repeating: 0, count: 67)
    }

    private static func curveTag() -> [UInt8] {
        let points = 1_024
        var tag = Array("curv".utf8) + uint32(0) + uint32(UInt32(points))
        for index in 0..<points {
            let encoded = Double(index) / Double(points - 1)
            let linear = encoded <= 0.04045 ? encoded / 12.92 : pow((encoded + 0.055) / 1.055, 2.4)
            let value = UInt16((linear * 65_535).rounded())
            tag += [UInt8(value >> 8), UInt8(value & 0xFF)]
        }
        return tag
    }
}
