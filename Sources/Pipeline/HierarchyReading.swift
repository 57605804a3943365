import ArchiveStore
import DocumentModel
import Foundation
import Ingest

/// Places a batch's inputs in phông → hộp → hồ sơ when it starts (`hierarchy` in
/// `pipeline.yaml`): every input found gets its place, failures included, so the box
/// report counts what is in a box whatever became of it; each hồ sơ gets its folder's
/// title, and the mục lục's row when a catalogue is given.
struct HierarchyReading {
    let pattern: HierarchyPattern?
    /// The mục lục hồ sơ file's path, resolved against the batch folder and its links.
    let catalogPath: String?
    let catalog: HoSoCatalog?

    /// Reads the catalogue, if one is configured; throws ``ConfigurationError`` when it
    /// cannot be used, before any input is touched.
    init(_ hierarchy: PipelineConfiguration.Hierarchy, batchFolder: URL) throws {
        pattern = hierarchy.pattern
        guard let path = hierarchy.catalog else {
            catalogPath = nil
            catalog = nil
            return
        }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : batchFolder.appendingPathComponent(path)
        do {
            catalog = try HoSoCatalog(contentsOf: url)
        } catch let error as HoSoCatalogError {
            throw ConfigurationError("'hierarchy.catalog': \(error)")
        }
        catalogPath = url.standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Whether `file` is the catalogue itself, which describes the batch and is not one of its inputs.
    func isCatalog(_ file: InputFile) -> Bool {
        catalogPath.map { file.url.standardizedFileURL.resolvingSymlinksInPath().path == $0 } ?? false
    }

    /// Records the places of `sources` and the hồ sơ they name.
    func record(sources: [String], batchRoot: String, in archive: some RecordsOffice) throws {
        var hoSo: [HoSoKey: HoSo] = [:]
        var places: [(source: String, place: ArchivalPlace)] = []
        if let pattern {
            for source in sources {
                let place = pattern.place(ofSource: source, batchRoot: batchRoot)
                places.append((source, place))
                if let code = place.hoSo {
                    let key = HoSoKey(fonds: place.fonds, box: place.box, code: code)
                    if hoSo[key] == nil { hoSo[key] = HoSo(fonds: place.fonds, box: place.box, code: code, title: place.hoSoTitle) }
                }
            }
            try archive.recordPlaces(batchRoot: batchRoot, places)
            try archive.saveHoSo(hoSo.values.sorted { $0.code < $1.code }, fromCatalog: false)
        }
        guard let catalog else { return }
        // A row joined to a folder takes the folder's place; the others keep their own box.
        var described = catalog.entries
        for folder in hoSo.keys.sorted(by: { $0.code < $1.code }) {
            guard let index = catalog.indexOfEntry(for: ArchivalPlace(fonds: folder.fonds, box: folder.box, hoSo: folder.code)) else {
                continue
            }
            described[index].fonds = folder.fonds
            described[index].box = folder.box
            described[index].code = folder.code
        }
        try archive.saveHoSo(described, fromCatalog: true)
    }

    private struct HoSoKey: Hashable {
        var fonds: String?
        var box: BoxCode?
        var code: HoSoCode
    }
}
