/// The database layout, applied in numbered steps recorded in `PRAGMA user_version`, so an
/// archive made by an older sohoa is upgraded in place and never rebuilt.
enum Schema {
    static let migrations: [String] = [
        """
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
        """,
    ]

    static func migrate(_ database: SQLiteDatabase) throws {
        let current = try database.userVersion
        guard current < migrations.count else { return }
        try database.transaction {
            for step in migrations[current...] {
                try database.execute(step)
            }
            try database.execute("PRAGMA user_version = \(migrations.count)")
        }
    }
}
