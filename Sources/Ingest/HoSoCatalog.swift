import DocumentModel
import Foundation
import VietnameseText

/// The archivist's mục lục hồ sơ: a CSV with one row per hồ sơ (as Excel saves it: UTF-8
/// with or without its BOM, commas, semicolons or tabs, quoted fields), joined to the
/// folders by the mã hồ sơ their names carry, and by box when the row gives one.
///
/// Columns are found by their headings, with or without diacritics and in any case:
/// `Mã hồ sơ` (required), `Hộp số`, `Phông`, `Tiêu đề hồ sơ`, `Thời hạn bảo quản`,
/// `Chế độ sử dụng`, `Ngôn ngữ`, `Thời gian bắt đầu`, `Thời gian kết thúc`,
/// `Số lượng tờ`, `Ghi chú`. Other columns are left out, not refused.
public struct HoSoCatalog: Sendable {
    /// The hồ sơ the rows describe, in the catalogue's order.
    public let entries: [HoSo]
    /// Row indices by normal code, so that joining thousands of folders stays linear.
    private let rowsByCode: [[String]: [Int]]

    /// Reads a catalogue file; throws ``HoSoCatalogError`` naming the file and the problem.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw HoSoCatalogError("cannot read the catalogue \(url.path): \(FileKind.reason(error))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw HoSoCatalogError("the catalogue \(url.path) is not UTF-8 text: save it from Excel as \"CSV UTF-8\"")
        }
        try self.init(csv: text, origin: url.path)
    }

    public init(csv text: String, origin: String = "catalogue") throws {
        let rows = CSVRows.parse(VietnameseText.nfc(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text))
        guard let header = rows.first else { throw HoSoCatalogError("the catalogue \(origin) is empty") }
        let keys = header.map { Self.key($0) }
        func column(_ names: String...) -> Int? { keys.firstIndex { names.contains($0) } }
        guard let code = column("ma ho so", "so ho so", "ho so so") else {
            throw HoSoCatalogError("the catalogue \(origin) has no column 'Mã hồ sơ' (its columns: \(header.joined(separator: ", ")))")
        }
        let box = column("hop so", "hop", "so hop")
        let fonds = column("phong", "ten phong", "ma phong")
        let title = column("tieu de ho so", "tieu de")
        let retention = column("thoi han bao quan")
        let access = column("che do su dung")
        let language = column("ngon ngu")
        let start = column("thoi gian bat dau")
        let end = column("thoi gian ket thuc")
        let sheets = column("so luong to", "so to")
        let notes = column("ghi chu")
        var entries: [HoSo] = []
        for row in rows.dropFirst() {
            func value(_ index: Int?) -> String? {
                guard let index, index < row.count else { return nil }
                let text = row[index].trimmingCharacters(in: .whitespacesAndNewlines)
                return text.isEmpty ? nil : text
            }
            guard let codeText = value(code) else { continue }
            var hoSo = HoSo(fonds: value(fonds), box: value(box).map { BoxCode($0) }, code: HoSoCode(codeText), title: value(title))
            hoSo.retention = value(retention)
            hoSo.accessMode = value(access)
            hoSo.language = value(language)
            hoSo.startDate = value(start)
            hoSo.endDate = value(end)
            hoSo.sheets = value(sheets).flatMap { Int($0) }
            hoSo.notes = value(notes)
            entries.append(hoSo)
        }
        self.entries = entries
        rowsByCode = Dictionary(grouping: entries.indices) { Self.normalCode(entries[$0].code.rawValue) }
    }

    /// Which row describes the hồ sơ a folder names: the same mã hồ sơ, and the same box
    /// when the row gives one. Codes match without regard to case or diacritics, and
    /// "HS017" matches "HS17". The first such row, by its index in ``entries``.
    public func indexOfEntry(for place: ArchivalPlace) -> Int? {
        guard let code = place.hoSo else { return nil }
        return rowsByCode[Self.normalCode(code.rawValue)]?.first { index in
            guard let rowBox = entries[index].box, let box = place.box else { return true }
            return Self.normalCode(rowBox.rawValue) == Self.normalCode(box.rawValue)
        }
    }

    /// Folded, lower-case, single-spaced: how headings and folder names are compared.
    static func key(_ text: String) -> String {
        VietnameseText.fold(text).lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "_" }).joined(separator: " ")
    }

    /// A code folded, with each run of digits as its number: "HS017" and "hs17" are both
    /// ["hs", "17"].
    static func normalCode(_ text: String) -> [String] {
        var runs: [String] = []
        for character in key(text) {
            let digit = character.isASCII && character.isNumber
            if let last = runs.last?.last, (last.isASCII && last.isNumber) == digit {
                runs[runs.count - 1].append(character)
            } else {
                runs.append(String(character))
            }
        }
        return runs.map { run in
            guard run.first!.isASCII, run.first!.isNumber else { return run }
            let trimmed = run.drop { $0 == "0" }
            return trimmed.isEmpty ? "0" : String(trimmed)
        }
    }
}

/// A catalogue that cannot be used, with what is wrong.
public struct HoSoCatalogError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// CSV as RFC 4180 writes it, with the separator Excel chose (comma, semicolon or tab:
/// whichever the heading line holds most of outside quotes).
enum CSVRows {
    static func parse(_ text: String) -> [[String]] {
        var counts: [Character: Int] = [:]
        var inQuotes = false
        for character in text {
            if character == "\"" { inQuotes.toggle() }
            if !inQuotes, character == "\n" || character == "\r\n" { break }
            if !inQuotes, [",", ";", "\t"].contains(character) { counts[character, default: 0] += 1 }
        }
        let separator = counts.max { $0.value < $1.value }?.key ?? ","
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = text.makeIterator()
        var pending: Character?
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(character)
                }
            } else if character == "\"", field.isEmpty {
                quoted = true
            } else if character == separator {
                row.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                row.append(field)
                field = ""
                if row.contains(where: { !$0.isEmpty }) { rows.append(row) }
                row = []
            } else {
                field.append(character)
            }
        }
        row.append(field)
        if row.contains(where: { !$0.isEmpty }) { rows.append(row) }
        return rows
    }
}
