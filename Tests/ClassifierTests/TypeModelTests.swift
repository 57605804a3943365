import DocumentModel
import Foundation
import XCTest
@testable import Classifier

/// The learned type model on small sets whose answer is known: headers that differ only in
/// their type, everything else (agency, subject) shuffled across types.
final class TypeModelTests: XCTestCase {
    static let agencies = [
        ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"], ["BỘ NỘI VỤ"], ["UBND HUYỆN ĐÔNG ANH", "PHÒNG NỘI VỤ"],
        ["SỞ TÀI CHÍNH", "TỈNH ĐỒNG NAI"], ["BỘ TÀI CHÍNH", "CỤC THUẾ"],
    ]
    static let subjects = [
        "Về việc tăng cường công tác quản lý nhà nước", "Về việc sắp xếp đơn vị hành chính cấp xã",
        "Về việc phòng, chống thiên tai năm 2024", "Về việc chuyển đổi số trong cơ quan nhà nước",
        "Về việc tiếp nhận, giải quyết phản ánh của người dân",
    ]
    static let types: [(DocumentType, String, String)] = [
        (.quyetDinh, "QUYẾT ĐỊNH", "QĐ"), (.keHoach, "KẾ HOẠCH", "KH"), (.baoCao, "BÁO CÁO", "BC"),
    ]

    /// The `index`-th document of a type: the agency and subject go with the index, not the
    /// type, and cycle at different paces, so only the type line and number tell types apart.
    static func page(_ type: Int, _ index: Int, typeLine: String? = nil) -> [RecognizedPage] {
        let (_, name, abbreviation) = types[type]
        let text = Fixture.document(
            agency: agencies[index % agencies.count], number: "Số: \(10 + index * 7)/\(abbreviation)-UBND",
            typeLine: typeLine ?? name, subject: [subjects[(index / 2) % subjects.count]])
        return [RecognizedPage(number: 1, text: text, source: .ocr)]
    }

    static func trainingSet(perType: Int = 8) -> [TypeModel.Example] {
        (0..<perType).flatMap { index in types.indices.map { (page($0, index), types[$0].0) } }
    }

    func testLearnsASeparableSetAndPredictsHeldOutDocuments() throws {
        let model = TypeModel.train(TypeModelTests.trainingSet())
        XCTAssertEqual(model.classes, [.quyetDinh, .keHoach, .baoCao])
        XCTAssertEqual(model.examples, [8, 8, 8])
        for (offset, type) in TypeModelTests.types.enumerated() {
            // Indices past the training set: numbers, and agency–subject pairs, it never saw.
            for index in 20..<23 {
                let prediction = model.predict(TypeModelTests.page(offset, index))
                XCTAssertEqual(prediction.type, type.0)
                XCTAssertGreaterThan(prediction.probability, 0.5)
                XCTAssertNotNil(prediction.runnerUp)
                XCTAssertNotEqual(prediction.runnerUp, prediction.type)
                XCTAssertEqual(prediction.probabilities.values.reduce(0, +), 1, accuracy: 1e-9)
            }
        }
        XCTAssertGreaterThan(try XCTUnwrap(model.heldOutAccuracy), 0.5)
        XCTAssertGreaterThan(model.temperature, 0)
    }

    func testOCRToneSlipsInTheTypeLineDoNotMatter() {
        let model = TypeModel.train(TypeModelTests.trainingSet())
        // Tones folded away, as Tesseract misreads them: "KÉ HOẠCH", "QUYÉT ĐỊNH".
        XCTAssertEqual(model.predict(TypeModelTests.page(1, 30, typeLine: "KÉ HOẠCH")).type, .keHoach)
        XCTAssertEqual(model.predict(TypeModelTests.page(0, 30, typeLine: "QUYÉT ĐINH")).type, .quyetDinh)
    }

    func testTrainingIsDeterministic() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let first = try encoder.encode(TypeModel.train(TypeModelTests.trainingSet()))
        let second = try encoder.encode(TypeModel.train(TypeModelTests.trainingSet()))
        XCTAssertEqual(first, second)
    }

    func testSerialisationRoundTripGivesIdenticalPredictions() throws {
        let model = TypeModel.train(TypeModelTests.trainingSet())
        let decoded = try JSONDecoder().decode(TypeModel.self, from: JSONEncoder().encode(model))
        XCTAssertEqual(decoded.classes, model.classes)
        XCTAssertEqual(decoded.temperature, model.temperature)
        for type in TypeModelTests.types.indices {
            let pages = TypeModelTests.page(type, 40)
            XCTAssertEqual(decoded.predict(pages), model.predict(pages))
        }
    }

    func testDamagedOrForeignModelsAreRefused() throws {
        let data = try JSONEncoder().encode(TypeModel.train(TypeModelTests.trainingSet(perType: 2)))
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        for (key, value) in [("format", 2 as Any), ("classes", ["quyet_dinh", "ke_hoach", "sach_trang"]),
                             ("weights", "AAAA"), ("rows", "gA==")] {
            var damaged = object
            damaged[key] = value
            XCTAssertThrowsError(try JSONDecoder().decode(TypeModel.self, from: JSONSerialization.data(withJSONObject: damaged)), key)
        }
        object["temperature"] = 0
        XCTAssertThrowsError(try JSONDecoder().decode(TypeModel.self, from: JSONSerialization.data(withJSONObject: object)))
    }

    func testAPageWithoutTextIsNotConfident() {
        let model = TypeModel.train(TypeModelTests.trainingSet())
        let prediction = model.predict([RecognizedPage(number: 1, text: "", source: .ocr)])
        XCTAssertLessThan(prediction.probability, 0.5)
    }
}
