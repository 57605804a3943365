/// The database layout, applied in numbered steps recorded in `PRAGMA user_version`, so an
/// archive made by an older sohoa is upgraded in place and never rebuilt.
enum Schema {
    /// One step: SQL, or Swift where rows must be recomputed (the search index).
    enum Step: Sendable {
        case sql(String)
        case swift(@Sendable (Database) throws -> Void)
    }

    static let migrations: [Step] = [
        .sql("""
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            original_path TEXT NOT NULL,
            byte_count INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            page_count INTEGER NOT NULL,
            doc_type TEXT NOT NULL,
            legal_form TEXT, number TEXT, issued_date TEXT, place TEXT, agency TEXT, agency_parent TEXT,
            subject TEXT, signer TEXT, signer_title TEXT, signing_authority TEXT, secrecy TEXT, urgency TEXT,
            text_source TEXT NOT NULL,
            ocr_confidence REAL,
            needs_review INTEGER NOT NULL,
            review_reasons TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE pages (
            document_id TEXT NOT NULL REFERENCES documents(id),
            number INTEGER NOT NULL,
            text TEXT NOT NULL,
            source TEXT NOT NULL,
            confidence REAL,
            words TEXT NOT NULL,
            PRIMARY KEY (document_id, number)
        ) WITHOUT ROWID;
        CREATE TABLE inputs (
            id INTEGER PRIMARY KEY,
            batch_root TEXT NOT NULL,
            source TEXT NOT NULL,
            sha_key TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('ok', 'duplicate', 'failed')),
            document_id TEXT REFERENCES documents(id),
            error TEXT,
            first_seen TEXT NOT NULL,
            last_attempt TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1
        );
        CREATE UNIQUE INDEX inputs_identity ON inputs (batch_root, source, sha_key);
        CREATE VIRTUAL TABLE page_index USING fts5(
            folded, document_id UNINDEXED, page UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
        );
        """),
        // The batch ledger: runs, in-progress inputs, and every page's state, so a killed
        // batch resumes at its first unfinished page.
        .sql("""
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            batch_root TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            outcome TEXT,
            inputs_found INTEGER NOT NULL,
            pid INTEGER NOT NULL,
            stored INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            ocr_pages INTEGER NOT NULL DEFAULT 0,
            text_layer_pages INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT
        );
        CREATE TABLE inputs_v2 (
            id INTEGER PRIMARY KEY,
            batch_root TEXT NOT NULL,
            source TEXT NOT NULL,
            sha_key TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('discovered', 'ok', 'duplicate', 'failed')),
            document_id TEXT REFERENCES documents(id),
            error TEXT,
            first_seen TEXT NOT NULL,
            last_attempt TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1,
            run_id INTEGER REFERENCES runs(id),
            page_count INTEGER,
            seconds REAL
        );
        INSERT INTO inputs_v2 (id, batch_root, source, sha_key, status, document_id, error, first_seen, last_attempt, attempts)
            SELECT id, batch_root, source, sha_key, status, document_id, error, first_seen, last_attempt, attempts FROM inputs;
        DROP TABLE inputs;
        ALTER TABLE inputs_v2 RENAME TO inputs;
        CREATE UNIQUE INDEX inputs_identity ON inputs (batch_root, source, sha_key);
        CREATE INDEX inputs_by_content ON inputs (sha_key, status);
        CREATE INDEX inputs_by_run ON inputs (run_id, status);
        CREATE TABLE input_pages (
            input_id INTEGER NOT NULL REFERENCES inputs(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('rendered', 'recognised', 'stored', 'failed')),
            source TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            seconds REAL,
            finished_at TEXT,
            error TEXT,
            result TEXT,
            PRIMARY KEY (input_id, number)
        ) WITHOUT ROWID;
        CREATE INDEX input_pages_by_time ON input_pages (finished_at);
        """),
        // Search with tones as well as without, numbers as keys, filters by metadata.
        .sql("""
        ALTER TABLE documents ADD COLUMN number_key TEXT;
        ALTER TABLE documents ADD COLUMN agency_key TEXT;
        CREATE INDEX documents_by_number ON documents (number_key);
        CREATE INDEX documents_by_date ON documents (issued_date);
        CREATE INDEX documents_by_type ON documents (doc_type, issued_date);
        CREATE INDEX inputs_by_document ON inputs (document_id);
        CREATE VIRTUAL TABLE page_text USING fts5(
            exact, folded, content = '', tokenize = 'unicode61 remove_diacritics 0'
        );
        CREATE VIRTUAL TABLE page_text_terms USING fts5vocab(page_text, 'col');
        """),
        .swift { try SearchIndex.rebuild($0) },
        .sql("DROP TABLE page_index;"),
        // Page rows hold a page's text and word boxes, kilobytes each: in a WITHOUT ROWID
        // table every such row spilled to a half-empty overflow page, doubling the file.
        .sql("""
        CREATE TABLE pages_v2 (
            id INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id),
            number INTEGER NOT NULL,
            text TEXT NOT NULL,
            source TEXT NOT NULL,
            confidence REAL,
            words TEXT NOT NULL,
            UNIQUE (document_id, number)
        );
        INSERT INTO pages_v2 (document_id, number, text, source, confidence, words)
            SELECT document_id, number, text, source, confidence, words FROM pages ORDER BY document_id, number;
        DROP TABLE pages;
        ALTER TABLE pages_v2 RENAME TO pages;
        CREATE TABLE input_pages_v2 (
            id INTEGER PRIMARY KEY,
            input_id INTEGER NOT NULL REFERENCES inputs(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('rendered', 'recognised', 'stored', 'failed')),
            source TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            seconds REAL,
            finished_at TEXT,
            error TEXT,
            result TEXT,
            UNIQUE (input_id, number)
        );
        INSERT INTO input_pages_v2 (input_id, number, state, source, attempts, seconds, finished_at, error, result)
            SELECT input_id, number, state, source, attempts, seconds, finished_at, error, result FROM input_pages;
        DROP TABLE input_pages;
        ALTER TABLE input_pages_v2 RENAME TO input_pages;
        CREATE INDEX input_pages_by_time ON input_pages (finished_at);
        """),
        // How many pages hold each folded term, for ranking (see Database.registerRanking).
        .sql("""
        CREATE TABLE term_pages (term TEXT PRIMARY KEY, pages INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO term_pages (term, pages) SELECT term, doc FROM page_text_terms WHERE col = 'folded';
        """),
        // The searchable PDF beside each scanned original, and what clean-up found per page.
        .sql("""
        ALTER TABLE documents ADD COLUMN derivative_path TEXT;
        ALTER TABLE documents ADD COLUMN derivative_sha256 TEXT;
        ALTER TABLE pages ADD COLUMN blank INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE pages ADD COLUMN cleanup TEXT;
        """),
        // Copies (SAO Y, TRÍCH SAO, SAO LỤC): the form, and the copy's own number and date.
        .sql("""
        ALTER TABLE documents ADD COLUMN copy_form TEXT;
        ALTER TABLE documents ADD COLUMN copy_number TEXT;
        ALTER TABLE documents ADD COLUMN copy_issued_date TEXT;
        """),
        // A person's corrections (`sohoa correct`), an audit trail only ever added to: the
        // documents' columns hold the corrected values, each row here who changed what,
        // when, and the machine's value before the field's first correction.
        .sql("""
        CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id),
            field TEXT NOT NULL,
            machine_value TEXT,
            corrected_value TEXT,
            corrected_by TEXT NOT NULL,
            corrected_at TEXT NOT NULL,
            note TEXT
        );
        CREATE INDEX corrections_by_document ON corrections (document_id, field);
        """),
        // Which fields review should check, and how far each field can be trusted.
        .sql("""
        ALTER TABLE documents ADD COLUMN review_fields TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE documents ADD COLUMN field_confidence TEXT NOT NULL DEFAULT '{}';
        """),
        // Learned type models (`sohoa train`), every version kept so a document's type can be
        // traced to the model that voted on it.
        .sql("""
        CREATE TABLE type_models (
            version INTEGER PRIMARY KEY,
            trained_at TEXT NOT NULL,
            examples INTEGER NOT NULL,
            classes TEXT NOT NULL,
            sources TEXT NOT NULL,
            model BLOB NOT NULL
        );
        ALTER TABLE documents ADD COLUMN model_version INTEGER REFERENCES type_models(version);
        """),
        // The people who read the archive over HTTP (`sohoa user`, `sohoa serve`): their
        // password hashes, the SHA-256 of their API tokens and session ids, and the audit log
        // of logins, failed logins, corrections and downloads of classified documents.
        .sql("""
        CREATE TABLE users (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            clearance TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE api_tokens (
            digest TEXT PRIMARY KEY,
            user_name TEXT NOT NULL REFERENCES users(name),
            created_at TEXT NOT NULL
        );
        CREATE TABLE sessions (
            digest TEXT PRIMARY KEY,
            user_name TEXT NOT NULL REFERENCES users(name),
            csrf_token TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            event TEXT NOT NULL,
            actor TEXT NOT NULL,
            subject TEXT,
            client TEXT,
            detail TEXT
        );
        CREATE INDEX audit_log_by_event ON audit_log (event, at);
        """),
        // Each page's size in the units of its word boxes (pixels of the image OCR read,
        // points of a text layer), so the reading room can draw a hit's boxes on the page
        // image; 0 for pages stored before.
        .sql("""
        ALTER TABLE pages ADD COLUMN width INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE pages ADD COLUMN height INTEGER NOT NULL DEFAULT 0;
        """),
        // The records office: where each input sits (phông, hộp, hồ sơ, read from its folders
        // when the batch starts, so a failed input has its box too), each document's place
        // as it was stored, the hồ sơ as folders and the mục lục describe them, and when
        // each document's files were last found intact by `sohoa verify`.
        .sql("""
        CREATE TABLE input_places (
            batch_root TEXT NOT NULL,
            source TEXT NOT NULL,
            fonds TEXT, box TEXT, box_title TEXT, ho_so TEXT, ho_so_title TEXT,
            PRIMARY KEY (batch_root, source)
        ) WITHOUT ROWID;
        CREATE INDEX input_places_by_box ON input_places (box, ho_so);
        CREATE TABLE ho_so (
            fonds TEXT NOT NULL DEFAULT '',
            box TEXT NOT NULL DEFAULT '',
            code TEXT NOT NULL,
            title TEXT, retention TEXT, access_mode TEXT, language TEXT, start_date TEXT, end_date TEXT,
            sheets INTEGER, notes TEXT,
            from_catalog INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (fonds, box, code)
        ) WITHOUT ROWID;
        ALTER TABLE documents ADD COLUMN fonds TEXT;
        ALTER TABLE documents ADD COLUMN box TEXT;
        ALTER TABLE documents ADD COLUMN ho_so TEXT;
        ALTER TABLE documents ADD COLUMN verified_at TEXT;
        CREATE INDEX documents_by_box ON documents (box, ho_so);
        CREATE TABLE fixity_checks (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            files INTEGER NOT NULL,
            intact INTEGER NOT NULL,
            problems TEXT NOT NULL
        );
        """),
        // Which OCR engine and model a run read its pages with, for a package's event log.
        .sql("ALTER TABLE runs ADD COLUMN ocr_engine TEXT;"),
        // A bound scan becomes several documents sharing one original: a document's checksum
        // is no longer its own, and `source_pages` says which of the input's pages it holds.
        // SQLite drops a UNIQUE constraint only by rebuilding the table; rows keep their
        // rowids, which the search index's row ids are made of.
        .sql("""
        CREATE TABLE documents_v2 (
            id TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL,
            original_path TEXT NOT NULL,
            byte_count INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            page_count INTEGER NOT NULL,
            doc_type TEXT NOT NULL,
            legal_form TEXT, number TEXT, issued_date TEXT, place TEXT, agency TEXT, agency_parent TEXT,
            subject TEXT, signer TEXT, signer_title TEXT, signing_authority TEXT, secrecy TEXT, urgency TEXT,
            text_source TEXT NOT NULL,
            ocr_confidence REAL,
            needs_review INTEGER NOT NULL,
            review_reasons TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            number_key TEXT, agency_key TEXT, derivative_path TEXT, derivative_sha256 TEXT, copy_form TEXT, copy_number TEXT,
            copy_issued_date TEXT, review_fields TEXT NOT NULL DEFAULT '[]', field_confidence TEXT NOT NULL DEFAULT '{}',
            model_version INTEGER REFERENCES type_models(version), fonds TEXT, box TEXT, ho_so TEXT, verified_at TEXT,
            source_pages TEXT
        );
        INSERT INTO documents_v2 (rowid, id, sha256, original_path, byte_count, media_type, page_count, doc_type,
            legal_form, number, issued_date, place, agency, agency_parent, subject, signer, signer_title, signing_authority,
            secrecy, urgency, text_source, ocr_confidence, needs_review, review_reasons, ingested_at, number_key, agency_key,
            derivative_path, derivative_sha256, copy_form, copy_number, copy_issued_date, review_fields, field_confidence,
            model_version, fonds, box, ho_so, verified_at)
            SELECT rowid, id, sha256, original_path, byte_count, media_type, page_count, doc_type,
            legal_form, number, issued_date, place, agency, agency_parent, subject, signer, signer_title, signing_authority,
            secrecy, urgency, text_source, ocr_confidence, needs_review, review_reasons, ingested_at, number_key, agency_key,
            derivative_path, derivative_sha256, copy_form, copy_number, copy_issued_date, review_fields, field_confidence,
            model_version, fonds, box, ho_so, verified_at FROM documents;
        DROP TABLE documents;
        ALTER TABLE documents_v2 RENAME TO documents;
        CREATE INDEX documents_by_number ON documents (number_key);
        CREATE INDEX documents_by_date ON documents (issued_date);
        CREATE INDEX documents_by_type ON documents (doc_type, issued_date);
        CREATE INDEX documents_by_box ON documents (box, ho_so);
        CREATE INDEX documents_by_sha256 ON documents (sha256);
        """),
        // A records officer's word on an input that could not be ingested (torn, blank,
        // rescanned under another name): with it the input counts as explained in its box.
        .sql("""
        CREATE TABLE input_explanations (
            batch_root TEXT NOT NULL,
            source TEXT NOT NULL,
            explanation TEXT NOT NULL,
            explained_by TEXT NOT NULL,
            explained_at TEXT NOT NULL,
            PRIMARY KEY (batch_root, source)
        ) WITHOUT ROWID;
        """),
    ]

    static func migrate(_ database: Database) throws {
        guard try database.userVersion < migrations.count else { return }
        // A step that rebuilds a table drops the old one, which other tables' foreign keys
        // name: as SQLite's own procedure for it says, the keys are off while the steps run
        // (they cannot be switched inside a transaction) and checked before the commit.
        try database.execute("PRAGMA foreign_keys = OFF")
        defer { try? database.execute("PRAGMA foreign_keys = ON") }
        try database.transaction {
            // Read again under the write lock: another process may have migrated meanwhile.
            let current = try database.userVersion
            guard current < migrations.count else { return }
            for step in migrations[current...] {
                switch step {
                case .sql(let sql): try database.execute(sql)
                case .swift(let body): try body(database)
                }
            }
            let broken = try database.prepare("PRAGMA foreign_key_check").rows { $0.text("table") }
            guard broken.isEmpty else { throw ArchiveError.io("upgrading the archive broke references in \(Set(broken).sorted())") }
            try database.execute("PRAGMA user_version = \(migrations.count)")
        }
    }
}
