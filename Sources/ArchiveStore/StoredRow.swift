import DocumentModel
import Foundation

/// A row of the archive's database named for people: its table and its key. Values read
/// back are checked as they are read, and one that does not parse is reported with the
/// row it is in, so a damaged archive says where it is damaged instead of crashing or
/// quietly reading as empty.
struct StoredRow {
    var table: String
    var key: String

    static func document(_ id: DocumentID) -> StoredRow { StoredRow(table: "documents", key: id.rawValue) }
    static func input(_ id: Int) -> StoredRow { StoredRow(table: "inputs", key: String(id)) }
    static func inputPage(_ input: Int, page: Int) -> StoredRow { StoredRow(table: "input_pages", key: "\(input) page \(page)") }
    static func page(_ document: DocumentID, page: Int) -> StoredRow { StoredRow(table: "pages", key: "\(document) page \(page)") }
    static func correction(_ id: Int) -> StoredRow { StoredRow(table: "corrections", key: String(id)) }
}

/// A value stored in the archive that cannot be read back as what it should be.
public struct DamagedRow: Error, CustomStringConvertible {
    public var table: String
    public var row: String
    public var column: String
    public var problem: String

    init(_ row: StoredRow, column: String, problem: String) {
        table = row.table
        self.row = row.key
        self.column = column
        self.problem = problem
    }

    public var description: String {
        "the archive's database is damaged: \(table) row \(row), column \(column): \(problem)"
    }
}

extension Statement.Row {
    /// A SHA-256 column, checked.
    func sha256(_ name: String, of row: StoredRow) throws -> SHA256 {
        let text = self.text(name)
        guard let value = SHA256(rawValue: text) else {
            throw DamagedRow(row, column: name, problem: "'\(text)' is not a SHA-256 hex digest")
        }
        return value
    }

    func documentID(_ name: String) -> DocumentID { DocumentID(text(name)) }

    /// A column holding one of an enumeration's codes, checked.
    func code<Code: RawRepresentable>(_ type: Code.Type, _ name: String, of row: StoredRow) throws -> Code
    where Code.RawValue == String {
        let text = self.text(name)
        guard let value = Code(rawValue: text) else {
            throw DamagedRow(row, column: name, problem: "'\(text)' is not a \(Code.self) code")
        }
        return value
    }

    /// A JSON TEXT column decoded, or the reason it cannot be.
    func json<T: Decodable>(_ type: T.Type, _ name: String, of row: StoredRow) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text(name).utf8))
        } catch {
            throw DamagedRow(row, column: name, problem: "not the JSON expected (\(error))")
        }
    }
}
