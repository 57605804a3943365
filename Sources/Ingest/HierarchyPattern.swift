import Foundation
import DocumentModel
import VietnameseText

/// How a batch's folders name the levels of the archive (phông → hộp → hồ sơ):
/// `hierarchy.pattern` in `pipeline.yaml`, such as `"{box}/{file}"`.
///
/// The pattern reads folders from the batch folder down, one segment per folder:
/// `{fonds}`, `{box}`, `{file}`, or `*` for a folder that names no level. A file lying
/// deeper than the pattern belongs to the levels its first folders name. A batch folder
/// that is itself a box (`sohoa ingest "Hộp 05"`) stands in for the levels its files'
/// folders lack, as do its parents.
///
/// A folder's name is read by ``FolderName``: its label ("Hộp", "Hop_", "Hồ sơ", "HS"),
/// its code and the title after a dash, so that "Hộp 05 - Lưu trữ 2019/HS017 - Tài liệu
/// năm 2018" and "Hop_01/Ho_so_003" both read. A folder that does not read as its level
/// (no label, and a code that does not start with its number) leaves that level unknown
/// rather than guessed.
public struct HierarchyPattern: Sendable, Equatable, CustomStringConvertible {
    /// What one folder of the pattern names.
    public enum Level: String, Sendable, Equatable {
        case fonds, box, file
        case ignored = "*"
    }

    public let levels: [Level]

    /// Parses a pattern; throws ``HierarchyPatternError`` naming what is wrong.
    public init(_ text: String) throws {
        let segments = text.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var levels: [Level] = []
        for segment in segments {
            let level: Level
            switch segment {
            case "{fonds}": level = .fonds
            case "{box}": level = .box
            case "{file}": level = .file
            case "*": level = .ignored
            default:
                throw HierarchyPatternError(
                    "'\(segment)' in hierarchy pattern '\(text)': each folder is {fonds}, {box}, {file} or *, separated by /")
            }
            if level != .ignored, levels.contains(level) {
                throw HierarchyPatternError("hierarchy pattern '\(text)' names {\(level.rawValue)} twice")
            }
            levels.append(level)
        }
        guard levels.contains(where: { $0 != .ignored }) else {
            throw HierarchyPatternError("hierarchy pattern '\(text)' names no level: use {fonds}, {box} or {file}")
        }
        self.levels = levels
    }

    public var description: String {
        levels.map { $0 == .ignored ? "*" : "{\($0.rawValue)}" }.joined(separator: "/")
    }

    /// Where the input `source` (relative to `batchRoot`, `/`-separated) sits.
    public func place(ofSource source: String, batchRoot: String) -> ArchivalPlace {
        let readable = SourceName.display(of: source) ?? source
        var folders = readable.split(separator: "/").dropLast().map(String.init)
        if folders.count < levels.count {
            let parents = batchRoot.split(separator: "/").map(String.init)
            folders = Array(parents.suffix(levels.count - folders.count)) + folders
        }
        var place = ArchivalPlace()
        for (level, folder) in zip(levels, folders) {
            switch level {
            case .fonds:
                place.fonds = FolderName(folder, level: .fonds)?.code
            case .box:
                if let name = FolderName(folder, level: .box) {
                    place.box = BoxCode(name.code)
                    place.boxTitle = name.title
                }
            case .file:
                if let name = FolderName(folder, level: .file) {
                    place.hoSo = HoSoCode(name.code)
                    place.hoSoTitle = name.title
                }
            case .ignored:
                break
            }
        }
        return place
    }
}

/// A hierarchy pattern that cannot be used, with what is wrong.
public struct HierarchyPatternError: Error, CustomStringConvertible, Equatable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// A folder's name read as one level of the hierarchy: an optional label, a code, and a
/// title after a dash. "Hộp 05 - Lưu trữ 2019" is box "05" titled "Lưu trữ 2019";
/// "Ho_so_003" is hồ sơ "003"; "HS017 - Tài liệu năm 2018" is hồ sơ "HS017", since a
/// label run into its digits is part of the code archivists write.
public struct FolderName: Sendable, Equatable {
    public let code: String
    public let title: String?
}

extension FolderName {
    /// Nil when `name` does not read as `level`: a box or hồ sơ needs its label, or a code
    /// that looks like one.
    public init?(_ name: String, level: HierarchyPattern.Level) {
        let spaced = VietnameseText.nfc(name).replacingOccurrences(of: "_", with: " ")
        let words = spaced.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return nil }
        // The title starts after the first dash standing alone: "Hộp 05 - Lưu trữ".
        let dash = words.firstIndex { ["-", "–", "—", ":"].contains($0) }
        var head = Array(words[..<(dash ?? words.count)])
        var rest = dash.map { Array(words[($0 + 1)...]) } ?? []
        var labelled = false
        for label in FolderName.labels(level) {
            let folded = head.map { VietnameseText.fold($0).lowercased() }
            if folded.starts(with: label) {
                head.removeFirst(label.count)
                labelled = true
                break
            }
        }
        if labelled, level != .fonds, let first = head.first, ["số", "so", "no", "no.", "#"].contains(first.lowercased()) {
            head.removeFirst()
        }
        if level == .fonds {
            let code = (head + rest).joined(separator: " ")
            guard !code.isEmpty else { return nil }
            self.code = code
            self.title = nil
            return
        }
        guard var code = head.first else { return nil }
        code = code.trimmingCharacters(in: CharacterSet(charactersIn: ".,;"))
        guard !code.isEmpty, labelled || FolderName.looksLikeCode(code) else { return nil }
        rest = Array(head.dropFirst()) + rest
        self.code = code
        self.title = rest.isEmpty ? nil : rest.joined(separator: " ")
    }

    /// An unlabelled code starts with its number ("05", "017-TCCB"), or with a short
    /// capital abbreviation run into it ("HS017", "H05"): "batch1" or "scans" name no level.
    private static func looksLikeCode(_ code: String) -> Bool {
        let letters = code.prefix { $0.isLetter }
        guard let next = code.dropFirst(letters.count).first, next.isASCII, next.isNumber else { return false }
        return letters.count <= 4 && letters.allSatisfy(\.isUppercase)
    }

    /// The labels that may start a folder's name, as folded lower-case words, longest first.
    private static func labels(_ level: HierarchyPattern.Level) -> [[String]] {
        switch level {
        case .fonds: [["phong", "luu", "tru"], ["phong"], ["fonds"]]
        case .box: [["hop"], ["box"]]
        case .file: [["ho", "so"], ["hoso"], ["hs"], ["file"]]
        case .ignored: []
        }
    }
}
