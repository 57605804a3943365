import DocumentModel
import Foundation

/// A learned second opinion on a document's type: logistic regression (softmax, L2) over
/// hashed character n-grams of the first page's header and title zones
/// (``DocumentText/headerAndTitle``: agency, number, date, type line, trích yếu).
///
/// The rules read one line each (the type line, the number's symbol); the model weighs every
/// fragment of the header at once, so it still has something to go on when OCR mangles the
/// line a rule needs. Lines are folded (`Fold.key`: no tones, đ→D, upper case) so OCR tone
/// slips do not split a gram, digits are all `0` (numbers and dates say nothing of the type,
/// their shape does), and grams are hashed into a fixed number of buckets so that the
/// model's size does not grow with its vocabulary.
///
/// Why not naive Bayes: a header is mostly text that says nothing of the type (the
/// agency, the topic of the trích yếu), and naive Bayes counts each of its hundreds of
/// overlapping grams as independent evidence, so the topics a class happened to be shown
/// outvote its type line. Trained on the same 600 generated documents over the same grams,
/// naive Bayes was right on 52% of them held out (5-fold) and on 45.7% of the clean
/// evaluation set, logistic regression on 99.0% and 99.3%: it learns to give such grams no
/// weight.
///
/// Probabilities are calibrated: the grams' evidence is divided by a temperature fitted at
/// training time to the model's own held-out predictions (5-fold, by class), then normalised
/// with log-sum-exp. Training is deterministic: the same examples give the same model.
///
///     let model = TypeModel.train(examples)
///     let prediction = model.predict(pages)   // .type, .probability, .runnerUp
public struct TypeModel: Sendable {
    /// One labelled document.
    public typealias Example = (pages: [RecognizedPage], type: DocumentType)

    /// The types it can name, in `DocumentType.allCases` order.
    public let classes: [DocumentType]
    /// Training documents per class.
    public let examples: [Int]
    /// The divisor of the scores that made held-out predictions best calibrated: above 1 it
    /// softens an overconfident model, below 1 it sharpens one that L2 and a fixed number
    /// of passes left too modest; 1 when there were too few examples to fold.
    public let temperature: Double
    /// Share of training documents predicted right by a model trained without them (5-fold);
    /// nil when there were too few to fold.
    public let heldOutAccuracy: Double?

    /// Feature settings travel with the model, so a stored model keeps predicting as it was
    /// trained even after the defaults change.
    let buckets: Int
    let gramLengths: ClosedRange<Int>
    let weights: Weights
    /// Row of `weights` by bucket.
    private let rows: [UInt32: Int]

    /// 2¹⁸ buckets: few collisions among the grams headers hold; only buckets seen in
    /// training are stored.
    static let defaultBuckets = 1 << 18
    static let defaultGramLengths = 2...4
    static let folds = 5

    /// Trains on `examples`; `unknown` examples are ignored. Needs at least one example.
    public static func train(_ examples: [Example]) -> TypeModel {
        let labelled = examples.filter { $0.type != .unknown }
        let features = labelled.map { grams(of: DocumentText($0.pages), lengths: defaultGramLengths, buckets: defaultBuckets) }
        let classes = DocumentType.allCases.filter { type in labelled.contains { $0.type == type } }
        let labels = labelled.map { example in classes.firstIndex(of: example.type)! }

        // Held-out scores, fold by fold: each class's examples are dealt round the folds in order.
        var heldOut: [(bias: [Double], evidence: [Double], label: Int)] = []
        let folds = min(folds, labelled.count)
        if folds >= 2 {
            var seen = [Int](repeating: 0, count: classes.count)
            let fold = labels.map { label -> Int in
                defer { seen[label] += 1 }
                return seen[label] % folds
            }
            for k in 0..<folds {
                let training = labels.indices.filter { fold[$0] != k }
                let weights = Weights.fit(training.map { (features[$0], labels[$0]) }, classCount: classes.count)
                let rows = weights.rowIndex
                for index in labels.indices where fold[index] == k {
                    heldOut.append((weights.bias, weights.evidence(features[index], rows: rows), labels[index]))
                }
            }
        }
        let weights = Weights.fit(labels.indices.map { (features[$0], labels[$0]) }, classCount: classes.count)
        let accuracy = heldOut.isEmpty ? nil
            : Double(heldOut.filter { argmax(zip($0.bias, $0.evidence).map(+)) == $0.label }.count) / Double(heldOut.count)
        return TypeModel(classes: classes, examples: classes.indices.map { c in labels.filter { $0 == c }.count },
                         temperature: fitTemperature(heldOut), heldOutAccuracy: accuracy,
                         buckets: defaultBuckets, gramLengths: defaultGramLengths, weights: weights)
    }

    private init(classes: [DocumentType], examples: [Int], temperature: Double, heldOutAccuracy: Double?,
                 buckets: Int, gramLengths: ClosedRange<Int>, weights: Weights) {
        self.classes = classes
        self.examples = examples
        self.temperature = temperature
        self.heldOutAccuracy = heldOutAccuracy
        self.buckets = buckets
        self.gramLengths = gramLengths
        self.weights = weights
        rows = weights.rowIndex
    }

    /// The type the header reads as, with calibrated probabilities.
    public func predict(_ pages: [RecognizedPage]) -> TypePrediction {
        predict(DocumentText(pages))
    }

    /// The same, for a document the classifier has already split into lines.
    func predict(_ document: DocumentText) -> TypePrediction {
        let evidence = weights.evidence(TypeModel.grams(of: document, lengths: gramLengths, buckets: buckets), rows: rows)
        let scaled = TypeModel.logits(bias: weights.bias, evidence: evidence, temperature: temperature)
        let total = TypeModel.logSumExp(scaled)
        let posterior = scaled.map { exp($0 - total) }
        return TypePrediction(probabilities: Dictionary(uniqueKeysWithValues: zip(classes, posterior)), order: classes)
    }

    // MARK: - Features

    /// The buckets of the character n-grams of the header and title zones' folded lines; grams do not
    /// run across lines, and each line is padded with a space so its ends are grams of their own.
    static func grams(of document: DocumentText, lengths: ClosedRange<Int>, buckets: Int) -> Set<UInt32> {
        var found: Set<UInt32> = []
        let space = UInt32(UInt8(ascii: " ")), zero = UInt32(UInt8(ascii: "0"))
        for line in document.headerAndTitle where !line.isBlank {
            // The number line's grams are hashed apart: "/QĐ-" in "Số: 12/QĐ-UBND" names this
            // document's type, the same grams in a trích yếu citing "Quyết định số 5/QĐ-…" do not.
            let basis: UInt64 = line.key.firstMatch(of: Patterns.numberLabel) != nil ? 0x8422_2325_cbf2_9ce4 : 0xcbf2_9ce4_8422_2325
            let scalars = [space] + line.key.unicodeScalars.map { $0.properties.numericType == nil ? $0.value : zero } + [space]
            for length in lengths where scalars.count >= length {
                for start in 0...(scalars.count - length) {
                    // FNV-1a: stable across runs and platforms, unlike Swift's seeded Hasher.
                    var hash = basis
                    for value in scalars[start..<(start + length)] {
                        hash = (hash ^ UInt64(value)) &* 0x0000_0100_0000_01b3
                    }
                    found.insert(UInt32(hash % UInt64(buckets)))
                }
            }
        }
        return found
    }

    // MARK: - Calibration

    /// The class scores under a temperature. Only the evidence of the grams is scaled: a
    /// header with no gram the model knows keeps the prior the biases learned.
    static func logits(bias: [Double], evidence: [Double], temperature: Double) -> [Double] {
        zip(bias, evidence).map { $0 + $1 / temperature }
    }

    /// The temperature (1.25⁻¹⁰ ≈ 0.11 to 1.25³⁷ ≈ 3,900, in steps of ×1.25) under which the
    /// held-out predictions have the lowest negative log-likelihood — the usual post-hoc
    /// calibration — against targets smoothed by Laplace's rule of succession: right on all
    /// of n held-out documents is taken as (n+1)/(n+2) sure, not certain, so that a model
    /// that never erred in training is not sharpened without bound.
    private static func fitTemperature(_ heldOut: [(bias: [Double], evidence: [Double], label: Int)]) -> Double {
        guard let classCount = heldOut.first?.bias.count, classCount > 1 else { return 1 }
        let candidates = (-10...37).map { pow(1.25, Double($0)) }
        let spread = 1 / Double(heldOut.count + 2)
        func loss(_ temperature: Double) -> Double {
            heldOut.reduce(0) { sum, item in
                let scaled = logits(bias: item.bias, evidence: item.evidence, temperature: temperature)
                let total = logSumExp(scaled)
                let others = scaled.indices.reduce(0) { $1 == item.label ? $0 : $0 + total - scaled[$1] }
                return sum + (1 - spread) * (total - scaled[item.label]) + spread / Double(classCount - 1) * others
            }
        }
        // A tie keeps the earlier candidate, so the choice never depends on iteration order.
        var best = (temperature: candidates[0], loss: loss(candidates[0]))
        for candidate in candidates.dropFirst() {
            let value = loss(candidate)
            if value < best.loss { best = (candidate, value) }
        }
        return best.temperature
    }

    static func logSumExp(_ values: [Double]) -> Double {
        guard let top = values.max(), top.isFinite else { return values.max() ?? -.infinity }
        return top + log(values.reduce(0) { $0 + exp($1 - top) })
    }

    private static func argmax(_ values: [Double]) -> Int {
        values.indices.max { (values[$0], $1) < (values[$1], $0) } ?? 0
    }
}

/// The fitted weights: one row of per-class weights for each bucket seen in training.
struct Weights: Sendable {
    /// Buckets with a row, ascending.
    let buckets: [UInt32]
    /// `buckets.count` rows of `classCount` weights.
    let values: [Float]
    let bias: [Double]
    var classCount: Int { bias.count }

    /// L2 penalty per example, and the passes over the data. With features of unit length
    /// and AdaGrad steps, held-out accuracy on generated documents stops changing well
    /// before the last pass.
    static let penalty = 1e-4
    static let passes = 30
    static let learningRate = 0.5

    var rowIndex: [UInt32: Int] {
        Dictionary(uniqueKeysWithValues: buckets.enumerated().map { ($0.element, $0.offset) })
    }

    /// Softmax regression by stochastic gradient descent with AdaGrad steps, the examples in
    /// a fixed pseudo-random order each pass, so the result depends on the examples only.
    static func fit(_ documents: [(Set<UInt32>, Int)], classCount: Int) -> Weights {
        let buckets = documents.reduce(into: Set<UInt32>()) { $0.formUnion($1.0) }.sorted()
        let row = Dictionary(uniqueKeysWithValues: buckets.enumerated().map { ($0.element, $0.offset) })
        let rows = documents.map { document in document.0.map { row[$0]! }.sorted() }
        // Every present bucket has the same value in a document: 1/√(buckets present).
        let lengths = rows.map { $0.isEmpty ? 0 : 1 / Double($0.count).squareRoot() }
        var weights = [Double](repeating: 0, count: buckets.count * classCount)
        var squares = [Double](repeating: 0, count: weights.count)
        var bias = [Double](repeating: 0, count: classCount)
        var biasSquares = [Double](repeating: 0, count: classCount)
        var errors = [Double](repeating: 0, count: classCount)
        var order = Array(documents.indices)
        var random: UInt64 = 0x9E37_79B9_7F4A_7C15
        // Raw buffers and plain loops: this is nearly all of training, and bounds checks and
        // range iterators made it several times slower in debug builds.
        weights.withUnsafeMutableBufferPointer { w in
            squares.withUnsafeMutableBufferPointer { g in
                errors.withUnsafeMutableBufferPointer { e in
                    for _ in 0..<passes {
                        // Fisher–Yates with xorshift64: the same shuffle on every machine.
                        for i in stride(from: order.count - 1, to: 0, by: -1) {
                            random ^= random << 13; random ^= random >> 7; random ^= random << 17
                            order.swapAt(i, Int(random % UInt64(i + 1)))
                        }
                        for index in order {
                            let x = rows[index], value = lengths[index], label = documents[index].1
                            var c = 0
                            while c < classCount { e[c] = bias[c]; c += 1 }
                            for r in x {
                                let base = r * classCount
                                c = 0
                                while c < classCount { e[c] += w[base + c] * value; c += 1 }
                            }
                            let total = TypeModel.logSumExp(Array(e))
                            c = 0
                            while c < classCount {
                                e[c] = exp(e[c] - total) - (c == label ? 1 : 0)
                                biasSquares[c] += e[c] * e[c]
                                bias[c] -= learningRate * e[c] / (biasSquares[c] + 1e-8).squareRoot()
                                c += 1
                            }
                            for r in x {
                                let base = r * classCount
                                c = 0
                                while c < classCount {
                                    let at = base + c
                                    let gradient = e[c] * value + penalty * w[at]
                                    g[at] += gradient * gradient
                                    w[at] -= learningRate * gradient / (g[at] + 1e-8).squareRoot()
                                    c += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return Weights(buckets: buckets, values: weights.map(Float.init), bias: bias)
    }

    /// The weights of the buckets present, per class (the bias apart). Buckets never seen
    /// in training are left out, also of the length: OCR debris should not dilute the grams
    /// the model knows.
    func evidence(_ grams: Set<UInt32>, rows: [UInt32: Int]) -> [Double] {
        var scores = [Double](repeating: 0, count: classCount)
        for (row, value) in Weights.vector(grams.compactMap { rows[$0] }) {
            for c in 0..<classCount { scores[c] += Double(values[row * classCount + c]) * value }
        }
        return scores
    }

    /// Presence of each row, scaled to unit length: a long header does not outweigh a short
    /// one, and a gram repeated by layout (a motto, a running header) counts once. Sorted,
    /// so that sums run in the same order on every run.
    static func vector(_ rows: [Int]) -> [(row: Int, value: Double)] {
        let value = rows.isEmpty ? 0 : 1 / Double(rows.count).squareRoot()
        return rows.sorted().map { ($0, value) }
    }
}

/// What the model makes of one document.
public struct TypePrediction: Sendable, Equatable {
    /// Posterior probability of every type the model knows; they sum to 1.
    public let probabilities: [DocumentType: Double]
    /// The most probable type, and the next one (nil when the model knows only one).
    public let type: DocumentType
    public let runnerUp: DocumentType?

    init(probabilities: [DocumentType: Double], order: [DocumentType]) {
        self.probabilities = probabilities
        // Ties go to the earlier class, so equal inputs always name the same type.
        let ranked = order.enumerated().sorted { a, b in
            (probabilities[a.element] ?? 0, b.offset) > (probabilities[b.element] ?? 0, a.offset)
        }.map(\.element)
        type = ranked.first ?? .unknown
        runnerUp = ranked.dropFirst().first
    }

    /// The probability of the best type.
    public var probability: Double { probabilities[type] ?? 0 }

    /// The probability of `type`; nil when the model was not trained on it.
    public func probability(of type: DocumentType) -> Double? { probabilities[type] }
}

/// Stored as JSON, the weights packed (base64 of little-endian Float32 rows, buckets as
/// varint gaps): a model is kept for every `sohoa train`, so its size matters.
extension TypeModel: Codable {
    private enum CodingKeys: String, CodingKey {
        case format, classes, examples, temperature, buckets, bias, rows, weights
        case shortestGram = "shortest_gram", longestGram = "longest_gram", heldOutAccuracy = "held_out_accuracy"
    }

    /// Bumped when the features or the encoding change meaning; older sohoa refuses newer models.
    static let format = 1

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(TypeModel.format, forKey: .format)
        try container.encode(classes.map(\.rawValue), forKey: .classes)
        try container.encode(examples, forKey: .examples)
        try container.encode(temperature, forKey: .temperature)
        try container.encodeIfPresent(heldOutAccuracy, forKey: .heldOutAccuracy)
        try container.encode(buckets, forKey: .buckets)
        try container.encode(gramLengths.lowerBound, forKey: .shortestGram)
        try container.encode(gramLengths.upperBound, forKey: .longestGram)
        try container.encode(weights.bias, forKey: .bias)
        try container.encode(Packing.gaps(weights.buckets), forKey: .rows)
        try container.encode(Packing.floats(weights.values), forKey: .weights)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func damaged(_ key: CodingKeys, _ why: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: why)
        }
        let format = try container.decode(Int.self, forKey: .format)
        guard format == TypeModel.format else { throw damaged(.format, "model format \(format) is not \(TypeModel.format)") }
        let classes = try container.decode([String].self, forKey: .classes).map { code in
            guard let type = DocumentType(rawValue: code) else { throw damaged(.classes, "unknown type \(code)") }
            return type
        }
        let examples = try container.decode([Int].self, forKey: .examples)
        let bias = try container.decode([Double].self, forKey: .bias)
        let buckets = try container.decode(Int.self, forKey: .buckets)
        let shortest = try container.decode(Int.self, forKey: .shortestGram)
        let longest = try container.decode(Int.self, forKey: .longestGram)
        guard examples.count == classes.count, bias.count == classes.count, !classes.isEmpty else {
            throw damaged(.classes, "classes, examples and bias differ in number")
        }
        guard shortest >= 1, longest >= shortest, (1...Int(UInt32.max)).contains(buckets) else {
            throw damaged(.buckets, "bad feature settings")
        }
        guard let rows = Packing.buckets(try container.decode(Data.self, forKey: .rows)),
              rows.allSatisfy({ Int($0) < buckets }) else { throw damaged(.rows, "damaged rows") }
        guard let values = Packing.floats(try container.decode(Data.self, forKey: .weights)),
              values.count == rows.count * classes.count else { throw damaged(.weights, "damaged weights") }
        let temperature = try container.decode(Double.self, forKey: .temperature)
        guard temperature > 0 else { throw damaged(.temperature, "temperature must be above 0") }
        self.init(classes: classes, examples: examples, temperature: temperature,
                  heldOutAccuracy: try container.decodeIfPresent(Double.self, forKey: .heldOutAccuracy),
                  buckets: buckets, gramLengths: shortest...longest,
                  weights: Weights(buckets: rows, values: values, bias: bias))
    }
}

/// Byte layouts of the stored weights.
private enum Packing {
    /// Ascending buckets as LEB128 varint gaps.
    static func gaps(_ buckets: [UInt32]) -> Data {
        var bytes: [UInt8] = []
        var previous: UInt32 = 0
        for bucket in buckets {
            var gap = bucket - previous
            while gap >= 0x80 {
                bytes.append(UInt8(gap & 0x7f) | 0x80)
                gap >>= 7
            }
            bytes.append(UInt8(gap))
            previous = bucket
        }
        return Data(bytes)
    }

    /// Nil when a varint is cut short or the buckets do not ascend within 32 bits.
    static func buckets(_ data: Data) -> [UInt32]? {
        var buckets: [UInt32] = []
        var value: UInt64 = 0, shift: UInt64 = 0, previous: UInt64 = 0
        for byte in data {
            guard shift < 35 else { return nil }
            value |= UInt64(byte & 0x7f) << shift
            shift += 7
            guard byte < 0x80 else { continue }
            let bucket = previous + value
            guard bucket <= UInt64(UInt32.max), buckets.isEmpty || value > 0 else { return nil }
            buckets.append(UInt32(bucket))
            previous = bucket
            value = 0
            shift = 0
        }
        return shift == 0 ? buckets : nil
    }

    static func floats(_ values: [Float]) -> Data {
        var data = Data(capacity: values.count * 4)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// Nil when the length is not a whole number of Float32s or a value is not finite.
    static func floats(_ data: Data) -> [Float]? {
        guard data.count % 4 == 0 else { return nil }
        let bytes = [UInt8](data)
        var values: [Float] = []
        values.reserveCapacity(bytes.count / 4)
        for offset in stride(from: 0, to: bytes.count, by: 4) {
            let bits = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
                | UInt32(bytes[offset + 3]) << 24
            let value = Float(bitPattern: bits)
            guard value.isFinite else { return nil }
            values.append(value)
        }
        return values
    }
}
