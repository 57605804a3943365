import Foundation
import SohoaKit

/// `GET /api/v1/openapi.json`: the API as an OpenAPI 3.1 document, built from one table of
/// endpoints that the route tests walk, so the document and the routes cannot drift apart.
enum OpenAPIDocument {
    struct Endpoint {
        var method: String
        var path: String
        var role: String?
        var summary: String
        var answer: String = "application/json"
        var query: [String] = []
    }

    static let endpoints: [Endpoint] = [
        Endpoint(method: "get", path: "/api/v1/health", role: nil, summary: "Whether the server answers: {\"status\": \"ok\"}."),
        Endpoint(method: "get", path: "/api/v1/openapi.json", role: nil, summary: "This document."),
        Endpoint(method: "get", path: "/api/v1/search", role: "reader",
                 summary: "Documents matching words (with or without diacritics) or a number, and filters: total, hits, facet counts.",
                 query: ["q", "type", "legal_form", "agency", "year", "from", "to", "secrecy", "urgency", "needs_review", "box", "file_code", "sort", "limit", "offset"]),
        Endpoint(method: "get", path: "/api/v1/documents/{id}", role: "reader", summary: "The document's export-contract record, text included."),
        Endpoint(method: "get", path: "/api/v1/documents/{id}/pages/{n}", role: "reader",
                 summary: "Page n's frame (width, height) and its words with their boxes, for marking hits on the image."),
        Endpoint(method: "get", path: "/api/v1/documents/{id}/pages/{n}/image", role: "reader",
                 summary: "Page n as a JPEG, 240 or 1400 pixels wide (the nearest to width).", answer: "image/jpeg", query: ["width"]),
        Endpoint(method: "get", path: "/api/v1/documents/{id}/crops/{field}", role: "archivist",
                 summary: "The part of the page where a field was read, for the review desk.", answer: "image/jpeg"),
        Endpoint(method: "get", path: "/api/v1/documents/{id}/original", role: "reader", summary: "The original's bytes.",
                 answer: "application/octet-stream"),
        Endpoint(method: "get", path: "/api/v1/documents/{id}/searchable.pdf", role: "reader",
                 summary: "The searchable PDF; 404 when there is none.", answer: "application/pdf"),
        Endpoint(method: "get", path: "/api/v1/documents/{id}/similar", role: "reader", summary: "{\"hits\": […]}: the closest documents.",
                 query: ["limit"]),
        Endpoint(method: "get", path: "/api/v1/documents/{id}/corrections", role: "reader", summary: "The document's correction trail."),
        Endpoint(method: "post", path: "/api/v1/documents/{id}/corrections", role: "archivist",
                 summary: "{\"fields\": {\"number\": \"12/UBND-VP\", …}, \"note\": \"…\"} (null clears; \"confirm\": true with no fields marks all right); answers the updated record; 422 and nothing written for an invalid value."),
        Endpoint(method: "get", path: "/api/v1/review", role: "archivist",
                 summary: "{\"documents\": [{\"id\", \"review_fields\", …}]}, most uncertain first.", query: ["limit", "batch", "folder", "field"]),
        Endpoint(method: "get", path: "/api/v1/boxes", role: "archivist",
                 summary: "{\"boxes\": [{\"box\", \"inputs_found\", \"stored\", \"failed\", \"documents\", \"may_leave\", \"obstacles\", \"ho_so\", …}]}: each box and whether it may leave the storage room."),
        Endpoint(method: "get", path: "/api/v1/batches", role: "archivist", summary: "Runs with their counts, pages/min, state, failures.",
                 query: ["limit"]),
        Endpoint(method: "post", path: "/api/v1/batches", role: "archivist",
                 summary: "{\"folder\": …}: starts a batch on a folder under server.ingest_roots; 403 outside them."),
        Endpoint(method: "get", path: "/api/v1/batches/{run}", role: "archivist", summary: "One run."),
        Endpoint(method: "get", path: "/api/v1/audit", role: "admin",
                 summary: "Logins, failed logins, corrections, downloads of classified documents, newest first.", query: ["limit"]),
    ]

    static let json: String = {
        var paths: [String: [String: Any]] = [:]
        for endpoint in endpoints {
            let parameters = endpoint.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { part -> [String: Any] in
                ["name": String(part.dropFirst().dropLast()), "in": "path", "required": true, "schema": ["type": "string"]]
            } + endpoint.query.map { ["name": $0, "in": "query", "required": false, "schema": ["type": "string"]] }
            var operation: [String: Any] = [
                "summary": endpoint.summary,
                "parameters": parameters,
                "responses": [
                    "200": ["description": "OK", "content": [endpoint.answer: ["schema": endpoint.answer == "application/json" ? ["type": "object"] : ["type": "string", "format": "binary"]]]],
                    "401": ["description": "No credentials, or a bad token."],
                    "403": ["description": "A role too low for this endpoint."],
                    "404": ["description": "No such document, or one the user may not see."],
                ],
            ]
            if let role = endpoint.role {
                operation["security"] = [["bearer": []], ["session": []]]
                operation["x-sohoa-role"] = role
            } else {
                operation["security"] = []
            }
            if endpoint.method == "post" {
                operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["type": "object"]]]]
            }
            paths[endpoint.path, default: [:]][endpoint.method] = operation
        }
        return jsonText([
            "openapi": "3.1.0",
            "info": ["title": "sohoa", "version": "1", "description": "The archive of digitised Vietnamese administrative documents. A document above the user's clearance does not exist for them (404)."],
            "paths": paths,
            "components": ["securitySchemes": [
                "bearer": ["type": "http", "scheme": "bearer", "description": "A token from `sohoa user token NAME`."],
                "session": ["type": "apiKey", "in": "cookie", "name": "sohoa_session"],
            ]],
        ])
    }()
}
