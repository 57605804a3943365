import ArchiveStore
import Foundation

/// `sohoa status` as a person and as a script read it.
extension BatchStatus {
    public var text: String {
        var lines = ["Batch \(batchRoot.printable)"]
        let state: String
        switch self.state {
        case .running: state = "running"
        case .finished: state = "finished"
        case .interrupted: state = "interrupted (killed or lost power); run the same 'sohoa ingest' again to resume"
        case .stopped: state = (outcome ?? "stopped") + "; run the same 'sohoa ingest' again to resume"
        }
        lines.append("  state        \(state)")
        lines.append("  started      \(Self.clock.string(from: startedAt)), last update \(Self.clock.string(from: updatedAt))")
        lines.append("  inputs       \(counts.finishedInputs) of \(inputsFound) done: \(counts.stored) stored, "
                     + "\(counts.duplicates) duplicates, \(counts.unchanged) unchanged, \(counts.failed) failed; "
                     + "\(unfinished) unfinished")
        var pages = "  pages        \(pagesDone) this run (\(counts.ocrPages) OCR and \(counts.textLayerPages) text layer in stored documents)"
        if let pagesPerMinute { pages += String(format: ", %.1f pages/min", pagesPerMinute) }
        lines.append(pages)
        if let secondsRemaining { lines.append("  time left    about \(Self.duration(secondsRemaining)) at this pace") }
        if !failures.isEmpty {
            lines.append("Failures (\(failures.count)):")
            lines += failures.map { "  \($0.source.printableSource): \($0.reason.printable)" }
        }
        return lines.joined(separator: "\n")
    }

    public var jsonLine: String {
        var object: [String: Any] = [
            "batch_root": batchRoot, "state": state.rawValue, "started_at": Self.iso.string(from: startedAt),
            "updated_at": Self.iso.string(from: updatedAt), "inputs_found": inputsFound,
            "stored": counts.stored, "duplicates": counts.duplicates, "unchanged": counts.unchanged,
            "failed": counts.failed, "unfinished": unfinished, "pages_done": pagesDone,
            "failures": failures.map { ["source": $0.source, "error": $0.reason] },
        ]
        object["outcome"] = outcome
        object["pages_per_minute"] = pagesPerMinute.map { ($0 * 10).rounded() / 10 }
        object["seconds_remaining"] = secondsRemaining.map { $0.rounded() }
        return jsonText(object)
    }

    private static var iso: ISO8601DateFormatter { ISO8601DateFormatter() }

    private static var clock: DateFormatter {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter
    }

    private static func duration(_ seconds: Double) -> String {
        let minutes = Int((seconds / 60).rounded(.up))
        return minutes < 60 ? "\(minutes) min" : "\(minutes / 60) h \(minutes % 60) min"
    }
}

extension BatchLedger {
    /// Where the batch over `batchRoot` stands (the most recent batch when nil); no batch
    /// there is ``CommandFailure/Kind/notFound``.
    public func existingBatchStatus(batchRoot: String?) throws -> BatchStatus {
        guard let status = try batchStatus(batchRoot: batchRoot) else {
            throw CommandFailure(.notFound, "no batch has been run\(batchRoot.map { " over \($0)" } ?? "") in this archive")
        }
        return status
    }
}
