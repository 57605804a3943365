import DocumentModel
import XCTest
@testable import Classifier

/// Rules and the learned model vote on the type: the rules' type stands unless they found
/// none; the model's doubts become review reasons.
final class TypeVoteTests: XCTestCase {
    private func prediction(_ probabilities: [DocumentType: Double]) -> TypePrediction {
        TypePrediction(probabilities: probabilities, order: DocumentType.allCases.filter { probabilities[$0] != nil })
    }

    private func decision(_ type: DocumentType, reasons: [String] = []) -> TypeDecision {
        TypeDecision(docType: type, legalForm: nil, reasons: reasons)
    }

    func testRulesUnknownAndAConfidentModelGiveTheModelsType() {
        var typing = decision(.unknown, reasons: [TypeDecision.notRecognised])
        TypeVote.apply(prediction([.keHoach: 0.95, .baoCao: 0.05]), to: &typing)
        XCTAssertEqual(typing.docType, .keHoach)
        XCTAssertEqual(typing.reasons, ["type from the learned model only (p=0.95)"])
    }

    func testRulesUnknownAndAnUnsureModelStayUnknown() {
        var typing = decision(.unknown, reasons: [TypeDecision.notRecognised])
        TypeVote.apply(prediction([.keHoach: 0.6, .baoCao: 0.4]), to: &typing)
        XCTAssertEqual(typing.docType, .unknown)
        XCTAssertEqual(typing.reasons, [TypeDecision.notRecognised,
                                        "the learned model suggests ke_hoach (p=0.60), too unsure to decide"])
    }

    func testANormativeTypeFromTheModelStillLacksItsForm() {
        var typing = decision(.unknown, reasons: [TypeDecision.notRecognised])
        TypeVote.apply(prediction([.vanBanQPPL: 0.97, .baoCao: 0.03]), to: &typing)
        XCTAssertEqual(typing.docType, .vanBanQPPL)
        XCTAssertEqual(typing.reasons, ["type from the learned model only (p=0.97)", TypeDecision.legalFormNotRecognised])
    }

    func testDisagreementKeepsTheRulesTypeWithAReason() {
        var typing = decision(.toTrinh)
        TypeVote.apply(prediction([.baoCao: 0.81, .toTrinh: 0.19]), to: &typing)
        XCTAssertEqual(typing.docType, .toTrinh)
        XCTAssertEqual(typing.reasons, ["rules say to_trinh, the learned model says bao_cao (p=0.81)"])
    }

    func testLowProbabilityForTheRulesTypeIsAReason() {
        var typing = decision(.toTrinh)
        TypeVote.apply(prediction([.toTrinh: 0.4, .baoCao: 0.35, .keHoach: 0.25]), to: &typing)
        XCTAssertEqual(typing.docType, .toTrinh)
        XCTAssertEqual(typing.reasons, ["the learned model is unsure of to_trinh (p=0.40)"])
    }

    func testAgreementAddsNothing() {
        var typing = decision(.toTrinh)
        TypeVote.apply(prediction([.toTrinh: 0.7, .baoCao: 0.3]), to: &typing)
        XCTAssertEqual(typing, decision(.toTrinh))
    }

    func testATypeTheModelNeverSawIsNotJudged() {
        var typing = decision(.congDien)
        TypeVote.apply(prediction([.toTrinh: 0.99, .baoCao: 0.01]), to: &typing)
        XCTAssertEqual(typing, decision(.congDien))
    }

    /// Through the classifier: a model trained on the toy set finds a type line the rules
    /// cannot read, and flags a document whose type line it was taught to read otherwise.
    func testTheClassifierVotesWithItsModel() {
        let model = TypeModel.train(TypeModelTests.trainingSet(perType: 16))
        let classifier = DocumentClassifier(today: Fixture.today, model: model)
        // "KẾ HOẠCH" with a letter OCR read in lower case, and no number: no rule takes it for a
        // type line, the folded grams are the same.
        let garbled = Fixture.document(agency: ["BỘ NỘI VỤ"], number: "", typeLine: "Kế HOẠCH",
                                       subject: ["Về việc chuyển đổi số trong cơ quan nhà nước"])
        let pages = [RecognizedPage(number: 1, text: garbled, source: .ocr)]
        XCTAssertEqual(DocumentClassifier(today: Fixture.today).classify(pages).docType, .unknown)
        let voted = classifier.classify(pages)
        XCTAssertEqual(voted.docType, .keHoach)
        XCTAssertEqual(voted.reviewReasons.filter { $0.contains("type") }.map { String($0.prefix(36)) },
                       ["type from the learned model only (p="], "\(voted.reviewReasons)")
        XCTAssertTrue(voted.needsReview)

        // Taught that "BÁO CÁO" headers are kế hoạch and the other way round, it disagrees
        // with the rules on a báo cáo.
        let swapped: [DocumentType: DocumentType] = [.baoCao: .keHoach, .keHoach: .baoCao]
        let mislabelled = TypeModelTests.trainingSet().map { ($0.pages, swapped[$0.type] ?? $0.type) }
        let contrary = DocumentClassifier(today: Fixture.today, model: TypeModel.train(mislabelled))
        let report = contrary.classify(TypeModelTests.page(2, 25))
        XCTAssertEqual(report.docType, .baoCao)
        XCTAssertTrue(report.needsReview)
        XCTAssertTrue(report.reviewReasons.contains { $0.hasPrefix("rules say bao_cao, the learned model says ke_hoach (p=") },
                      "\(report.reviewReasons)")
    }
}
