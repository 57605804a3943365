import Foundation

/// The name=value pairs of a query string or an `application/x-www-form-urlencoded` body,
/// decoded as browsers encode them ('+' for a space, %XX as UTF-8) and normalised to NFC.
/// A value that does not decode is dropped rather than guessed.
struct FormValues: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []

    init(_ encoded: String?) {
        guard let encoded else { return }
        for part in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String? {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding?.precomposedStringWithCanonicalMapping
            }
            guard let name = decode(halves[0]), let value = decode(halves.count > 1 ? halves[1] : "") else { continue }
            pairs.append((name, value))
        }
    }

    /// The first value of `name`, nil when absent or empty.
    subscript(_ name: String) -> String? {
        pairs.first { $0.name == name && !$0.value.isEmpty }?.value
    }

    func all(_ name: String) -> [String] {
        pairs.filter { $0.name == name && !$0.value.isEmpty }.map(\.value)
    }

    func int(_ name: String) -> Int? { self[name].flatMap { Int($0) } }

    /// The pairs encoded again, for links that keep a search's state in the URL.
    static func encode(_ pairs: [(String, String)]) -> String {
        // ASCII only: CharacterSet.alphanumerics would leave Vietnamese letters unencoded.
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return pairs.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }
}
