import VietnameseText
import ArchiveStore
import DocumentModel
import Foundation
import Hummingbird
import SohoaKit

/// The JSON API of `shared/design/http-api.md`, and what the pages' scripts read. Every
/// answer about documents comes from the signed-in user's ``ReadingRoom``: roles and
/// clearance are decided there and in the archive's queries, never here.
enum APIRoutes {
    static func register(on router: Router<WebContext>, services: Services) {
        let api = router.group("api/v1")
        api.get("health") { _, _ in JSONAnswer.object(["status": "ok"]) }
        api.get("openapi.json") { _, _ in JSONAnswer.raw(OpenAPIDocument.json) }

        api.get("search") { request, context in
            let search = try SearchParameters(FormValues(request.uri.query)).request
            let outcome = try await services.room(context) { try $0.search(search) }
            return JSONAnswer.object(SearchParameters.json(outcome))
        }
        api.get("documents/:id") { _, context in
            let id = try documentID(context)
            return JSONAnswer.raw(try await services.room(context) { try $0.record(id) })
        }
        api.get("documents/:id/pages/:n") { _, context in
            let id = try documentID(context), number = try pageNumber(context)
            return try JSONAnswer.encoded(try await services.room(context) { try $0.pageView(of: id, page: number) })
        }
        api.get("documents/:id/pages/:n/image") { request, context in
            let id = try documentID(context), number = try pageNumber(context)
            let width = FormValues(request.uri.query).int("width") ?? 1_400
            return image(try await services.room(context) { try $0.pageImage(of: id, page: number, width: width) })
        }
        api.get("documents/:id/crops/:field") { _, context in
            let id = try documentID(context)
            guard let field = context.parameters.get("field").flatMap(MetadataField.init(rawValue:)) else { throw WebFailure.notFound }
            return image(try await services.room(context) { try $0.fieldCrop(of: id, field: field) })
        }
        api.get("documents/:id/original") { _, context in
            let id = try documentID(context)
            return try await download(try await services.room(context) { try $0.original(of: id) }, context: context)
        }
        api.get("documents/:id/searchable.pdf") { _, context in
            let id = try documentID(context)
            return try await download(try await services.room(context) { try $0.searchablePDF(of: id) }, context: context)
        }
        api.get("documents/:id/similar") { request, context in
            let id = try documentID(context)
            let limit = FormValues(request.uri.query).int("limit") ?? 10
            let hits = try await services.room(context) { try $0.similar(to: id, limit: limit) }
            return JSONAnswer.raw("{\"hits\":[" + (try hits.map { try jsonLine($0) }.joined(separator: ",")) + "]}")
        }
        api.get("documents/:id/corrections") { _, context in
            let id = try documentID(context)
            let trail = try await services.room(context) { try $0.corrections(of: id) }
            return JSONAnswer.raw("{\"corrections\":[" + (try trail.map { try jsonLine($0) }.joined(separator: ",")) + "]}")
        }
        api.post("documents/:id/corrections") { request, context in
            let id = try documentID(context)
            let correction = try await CorrectionBody.decode(request, id: id)
            let record = try await services.room(context) { room in
                _ = try room.correct(correction)
                return try room.record(id)
            }
            return JSONAnswer.raw(record)
        }
        api.get("review") { request, context in
            let query = FormValues(request.uri.query)
            let filter = ReviewFilter(batchRoot: query["batch"], folder: query["folder"],
                                      field: query["field"].flatMap(MetadataField.init(rawValue:)))
            let limit = query.int("limit") ?? 50
            let items = try await services.room(context) { try $0.reviewQueue(limit: limit, filter: filter) }
            return JSONAnswer.object(["documents": items.map(reviewJSON)])
        }
        api.get("batches") { request, context in
            let limit = FormValues(request.uri.query).int("limit") ?? 50
            let runs = try await services.room(context) { try $0.batches(limit: limit) }
            return JSONAnswer.object(["batches": runs.map(batchJSON)])
        }
        api.get("boxes") { _, context in
            let boxes = try await services.room(context) { try $0.boxes() }
            let maxAge = services.configuration.records.fixityMaxAgeDays
            return JSONAnswer.raw("{\"boxes\":[" + boxes.map { $0.jsonLine(fixityMaxAgeDays: maxAge) }.joined(separator: ",") + "]}")
        }
        api.get("batches/:run") { _, context in
            guard let number = context.parameters.get("run").flatMap({ Int($0) }) else { throw WebFailure.notFound }
            return JSONAnswer.object(batchJSON(try await services.room(context) { try $0.batch(RunID(number)) }))
        }
        api.post("batches") { request, context in
            let body = try await request.body.collect(upTo: 1 << 16)
            guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
                  let folder = object["folder"] as? String else {
                throw CommandFailure(.invalidValue, "send {\"folder\": \"/path/under/an/ingest/root\"}")
            }
            let started = try await services.room(context) {
                try $0.startBatch(folder: folder, executable: services.executable, configurationFile: services.configurationFile,
                                  location: services.pool.location)
            }
            return JSONAnswer.object(["folder": started.folder, "started": true], status: .accepted)
        }
        api.get("audit") { request, context in
            let limit = FormValues(request.uri.query).int("limit") ?? 100
            let events = try await services.room(context) { try $0.auditLog(limit: limit) }
            return JSONAnswer.raw("{\"events\":[" + (try events.map { try jsonLine($0) }.joined(separator: ",")) + "]}")
        }
    }

    static func image(_ image: RenderedImage) -> Response {
        Response(status: .ok, headers: [.contentType: image.mediaType], body: .init(byteBuffer: ByteBuffer(bytes: image.data)))
    }

    /// A stored file, sent in chunks as it is read (a scanned box can be a PDF of hundreds
    /// of megabytes; the server holds 128 KiB of it at a time), saved under its own name:
    /// RFC 6266's `filename*` carries a Vietnamese name in UTF-8.
    static func download(_ file: Download, context: WebContext) async throws -> Response {
        let body = try await FileIO().loadFile(path: file.file.path, context: context)
        let ascii = String(file.fileName.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        let encoded = file.fileName.addingPercentEncoding(withAllowedCharacters: .init(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? ascii
        return Response(status: .ok, headers: [
            .contentType: file.mediaType,
            .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
        ], body: body)
    }

    static func reviewJSON(_ item: ReviewItem) -> [String: Any] {
        ["id": item.id.rawValue, "source": item.source, "source_display": SourceName.display(of: item.source) ?? NSNull(), "doc_type": item.docType.rawValue, "number": item.number ?? NSNull(),
         "issued_date": item.issuedDate ?? NSNull(), "ocr_confidence": item.ocrConfidence ?? NSNull(), "reasons": item.reasons,
         "review_fields": item.fields.map(\.rawValue), "lowest_field_confidence": item.lowestFieldConfidence ?? NSNull()]
    }

    static func batchJSON(_ status: BatchStatus) -> [String: Any] {
        let iso = ISO8601DateFormatter()
        return [
            "id": status.run.rawValue, "batch_root": status.batchRoot, "state": status.state.rawValue, "outcome": status.outcome ?? NSNull(),
            "started_at": iso.string(from: status.startedAt), "updated_at": iso.string(from: status.updatedAt),
            "inputs_found": status.inputsFound, "stored": status.counts.stored, "duplicates": status.counts.duplicates,
            "unchanged": status.counts.unchanged, "failed": status.counts.failed, "unfinished": status.unfinished,
            "pages_done": status.pagesDone, "pages_per_minute": status.pagesPerMinute ?? NSNull(),
            "seconds_remaining": status.secondsRemaining ?? NSNull(),
            "failures": status.failures.map { failure -> [String: Any] in
                ["source": failure.source, "source_display": SourceName.display(of: failure.source) ?? NSNull(), "reason": failure.reason]
            },
        ]
    }
}

/// The body of `POST …/corrections`: `{"fields": {"number": "12/UBND-VP", "place": null}, "note": "…"}`;
/// a null value clears the field. `"confirm": true` with no fields takes the document off
/// the review list as checked and right.
enum CorrectionBody {
    static func decode(_ request: Request, id: DocumentID) async throws -> CorrectionRequest {
        let body = try await request.body.collect(upTo: 1 << 20)
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] else {
            throw CommandFailure(.invalidValue, "send a JSON object: {\"fields\": {\"number\": \"12/UBND-VP\"}, \"note\": \"…\"}")
        }
        var correction = CorrectionRequest(id: id)
        for (name, value) in object["fields"] as? [String: Any] ?? [:] {
            let field: MetadataField
            do {
                field = try MetadataCorrection.field(named: name)
            } catch {
                throw CommandFailure(.invalidValue, "\(error)")
            }
            switch value {
            case is NSNull: correction.clearedNames.append(name)
            case let text as String: correction.values[field] = text
            default: throw CommandFailure(.invalidValue, "the value of \(name) must be text or null")
            }
        }
        correction.note = object["note"] as? String
        correction.confirmsAll = object["confirm"] as? Bool ?? false
        correction.keepsReview = object["keep_review"] as? Bool ?? false
        return correction
    }
}
