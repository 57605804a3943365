import Classifier
import OCRStage

extension PipelineConfiguration.OCR {
    /// The OCR stage as every worker of the pipeline runs it: this model and clean-up, with
    /// the classifier's check of signers' names for the names under seals
    /// (`PageCleanup.rereadSealNames`).
    func pageReader() throws -> PageReader {
        try PageReader(language: language, dataPath: dataPath, cleanup: cleanup, names: SignerNameCheck.holdsPlacedName)
    }
}
