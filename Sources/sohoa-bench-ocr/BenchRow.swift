/// A row of the benchmark: generated pages in one scan condition, or real born-digital
/// pages with a synthetic scan.
enum BenchRow {
    case generated(Condition)
    case realText(RealTextScan)

    static var names: [String] { Condition.allCases.map(\.rawValue) + RealTextScan.allCases.map(\.rawValue) }

    /// Every generated condition; the realtext ones too when a corpus is given.
    static func defaultNames(withCorpus: Bool) -> String {
        (withCorpus ? names : Condition.allCases.map(\.rawValue)).joined(separator: ",")
    }

    init?(name: String) {
        if let condition = Condition(rawValue: name) {
            self = .generated(condition)
        } else if let scan = RealTextScan(rawValue: name) {
            self = .realText(scan)
        } else {
            return nil
        }
    }

    var name: String {
        switch self {
        case .generated(let condition): return condition.rawValue
        case .realText(let scan): return scan.rawValue
        }
    }
}
