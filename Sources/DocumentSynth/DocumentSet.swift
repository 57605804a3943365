import Foundation

/// The generated document sets sohoa is measured on, by the names the tools take
/// (`sohoa-samples --split`, `sohoa-bench-ocr --documents`).
public enum DocumentSet: String, Sendable, CaseIterable {
    /// The fixed documents the first tables were measured on.
    case plain
    /// The archive variety, in DejaVu Serif, as the first evaluation figures were measured on.
    case archive
    /// The wide variety in the fonts rules may be tuned on.
    case tuning
    /// The wide variety in a Times clone that rules may be tuned on.
    case tuningTimes = "tuning-times"
    /// The wide variety in the font no rule is tuned on.
    case heldBack = "held-back"

    public var variety: DocumentFactory.Variety {
        switch self {
        case .plain: .plain
        case .archive: .archive
        case .tuning: .wide(fonts: DocumentFactory.tuningFonts)
        case .tuningTimes: .wide(fonts: DocumentFactory.timesFonts)
        case .heldBack: .wide(fonts: DocumentFactory.heldBackFonts)
        }
    }

    /// The set's font families that fontconfig does not know. cairo falls back to another
    /// face without a word when a family is missing, which would make a set silently
    /// another one.
    public var missingFonts: [String] {
        let fonts = switch self {
        case .plain, .archive: ["DejaVu Serif"]
        case .tuning: DocumentFactory.tuningFonts
        case .tuningTimes: DocumentFactory.timesFonts
        case .heldBack: DocumentFactory.heldBackFonts
        }
        return fonts.filter { !DocumentSet.installed($0) }
    }

    private static func installed(_ family: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/fc-list")
        process.arguments = [":family=\(family)", "family"]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return false }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return !output.isEmpty
    }
}
