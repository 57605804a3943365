import DocumentSynth
import Foundation
import OCRStage

/// The clean-up steps `--with` and `--without` name.
enum CleanupStep: String, CaseIterable {
    case red, orientation, deskew, blank, binarize, despeckle, repair

    static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    func set(_ on: Bool, in cleanup: inout PageCleanup) {
        switch self {
        case .red: cleanup.dropRed = on
        case .orientation: cleanup.orientation = on
        case .deskew: cleanup.deskew = on
        case .blank: cleanup.blankInkShare = on ? PageCleanup().blankInkShare : 0
        case .binarize: cleanup.binarize = on
        case .despeckle: cleanup.despeckle = on
        case .repair: cleanup.repairSyllables = on
        }
    }
}

/// What each image step costs: mean milliseconds per page, each step timed alone on the
/// grey page as the reader hands it on (red channel).
enum StepTimes {
    static func print(conditions: [Condition], pages: Int, seed: UInt64) throws {
        Swift.print("condition      pages   binarize ms   despeckle ms")
        var random = SplitMix64(seed: seed)
        for condition in conditions {
            var factory = DocumentFactory(seed: seed &+ UInt64(Condition.allCases.firstIndex(of: condition)!))
            var totals = [Double](repeating: 0, count: 2)
            for index in 0..<pages {
                let document = factory.make(DocumentFactory.requiredTypes[index % DocumentFactory.requiredTypes.count])
                let page = try condition.scan(document, random: &random).greyscale(droppingRed: true)
                time(&totals[0]) { page.binarized() }
                time(&totals[1]) { page.despeckled(largestSpeck: 3) }
            }
            Swift.print(condition.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
                        + String(format: "%6d   %11.1f   %12.1f", pages, totals[0] / Double(pages), totals[1] / Double(pages)))
        }
    }

    private static func time(_ total: inout Double, _ step: () -> PageImage) {
        let started = DispatchTime.now().uptimeNanoseconds
        withExtendedLifetime(step()) {}
        total += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
    }
}
