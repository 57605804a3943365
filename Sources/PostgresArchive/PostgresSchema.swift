import Foundation

/// The PostgreSQL archive's layout, applied in numbered steps recorded in `sohoa_schema`, so
/// that a newer sohoa upgrades an archive in place. Many machines may start at once: the
/// steps run under one advisory lock, and each machine finds them done or does them.
///
/// The tables are the SQLite archive's (ArchiveStore's `Schema`, at its latest step),
/// column for column and with the same text timestamps, so that the archive's SQL runs on
/// both and `sohoa migrate` maps one onto the other. Full-text search keeps its rows in
/// a plain table (`page_text`, tsvectors under a GIN index) instead of FTS5. What only a shared archive needs is added:
/// `workers`, page leases (`input_pages.worker_id`, `lease_expires`; `rendered` is a page
/// waiting to be read), and an input's assembly claim and its staged copy.
enum PostgresSchema {
    /// Any 64-bit number unlikely to be another program's: "sohoa" in ASCII.
    static let migrationLock = 0x736F_686F_61

    /// Each step is a list of statements: the extended protocol that postgres-nio speaks
    /// takes one statement per call.
    static let migrations: [[String]] = [
        statements("""
        CREATE TABLE type_models (
            version bigserial PRIMARY KEY,
            trained_at text NOT NULL,
            examples integer NOT NULL,
            classes text NOT NULL,
            sources text NOT NULL,
            model bytea NOT NULL
        );
        CREATE TABLE documents (
            rowid bigserial UNIQUE,
            id text PRIMARY KEY,
            sha256 text NOT NULL,
            original_path text NOT NULL,
            byte_count bigint NOT NULL,
            media_type text NOT NULL,
            page_count integer NOT NULL,
            doc_type text NOT NULL,
            legal_form text, number text, issued_date text, place text, agency text, agency_parent text,
            subject text, signer text, signer_title text, signing_authority text, secrecy text, urgency text,
            text_source text NOT NULL,
            ocr_confidence double precision,
            needs_review integer NOT NULL,
            review_reasons text NOT NULL,
            ingested_at text NOT NULL,
            number_key text, agency_key text, derivative_path text, derivative_sha256 text, copy_form text, copy_number text,
            copy_issued_date text, review_fields text NOT NULL DEFAULT '[]', field_confidence text NOT NULL DEFAULT '{}',
            model_version bigint REFERENCES type_models(version), fonds text, box text, ho_so text, verified_at text,
            source_pages text
        );
        CREATE INDEX documents_by_number ON documents (number_key);
        CREATE INDEX documents_by_date ON documents (issued_date);
        CREATE INDEX documents_by_type ON documents (doc_type, issued_date);
        CREATE INDEX documents_by_box ON documents (box, ho_so);
        CREATE INDEX documents_by_sha256 ON documents (sha256);
        CREATE TABLE pages (
            id bigserial PRIMARY KEY,
            document_id text NOT NULL REFERENCES documents(id),
            number integer NOT NULL,
            text text NOT NULL,
            source text NOT NULL,
            confidence double precision,
            words text NOT NULL,
            blank integer NOT NULL DEFAULT 0,
            cleanup text,
            width integer NOT NULL DEFAULT 0,
            height integer NOT NULL DEFAULT 0,
            UNIQUE (document_id, number)
        );
        CREATE TABLE workers (
            id bigserial PRIMARY KEY,
            host text NOT NULL,
            pid integer NOT NULL,
            started_at timestamptz NOT NULL DEFAULT now(),
            heartbeat_at timestamptz NOT NULL DEFAULT now(),
            pages_done bigint NOT NULL DEFAULT 0,
            stopped_at timestamptz
        );
        CREATE TABLE runs (
            id bigserial PRIMARY KEY,
            batch_root text NOT NULL,
            started_at text NOT NULL,
            finished_at text,
            outcome text,
            inputs_found integer NOT NULL,
            pid integer NOT NULL,
            host text,
            stored integer NOT NULL DEFAULT 0,
            duplicates integer NOT NULL DEFAULT 0,
            unchanged integer NOT NULL DEFAULT 0,
            failed integer NOT NULL DEFAULT 0,
            ocr_pages integer NOT NULL DEFAULT 0,
            text_layer_pages integer NOT NULL DEFAULT 0,
            updated_at text,
            ocr_engine text
        );
        CREATE TABLE inputs (
            id bigserial PRIMARY KEY,
            batch_root text NOT NULL,
            source text NOT NULL,
            sha_key text NOT NULL,
            status text NOT NULL CHECK (status IN ('discovered', 'ok', 'duplicate', 'failed')),
            document_id text REFERENCES documents(id),
            error text,
            first_seen text NOT NULL,
            last_attempt text NOT NULL,
            attempts integer NOT NULL DEFAULT 1,
            run_id bigint REFERENCES runs(id),
            page_count integer,
            seconds double precision,
            staged_path text,
            assembler_id bigint REFERENCES workers(id),
            assembly_expires timestamptz,
            UNIQUE (batch_root, source, sha_key)
        );
        CREATE INDEX inputs_by_content ON inputs (sha_key, status);
        CREATE INDEX inputs_by_run ON inputs (run_id, status);
        CREATE INDEX inputs_by_document ON inputs (document_id);
        CREATE INDEX inputs_open ON inputs (id) WHERE status = 'discovered';
        CREATE TABLE input_pages (
            id bigserial PRIMARY KEY,
            input_id bigint NOT NULL REFERENCES inputs(id) ON DELETE CASCADE,
            number integer NOT NULL,
            state text NOT NULL CHECK (state IN ('rendered', 'leased', 'recognised', 'stored', 'failed')),
            source text,
            attempts integer NOT NULL DEFAULT 0,
            seconds double precision,
            finished_at text,
            error text,
            result text,
            worker_id bigint REFERENCES workers(id),
            lease_expires timestamptz,
            UNIQUE (input_id, number)
        );
        CREATE INDEX input_pages_by_time ON input_pages (finished_at);
        CREATE INDEX input_pages_waiting ON input_pages (input_id, number) WHERE state = 'rendered';
        CREATE INDEX input_pages_leased ON input_pages (worker_id) WHERE state = 'leased';
        CREATE TABLE page_text (
            rowid bigint PRIMARY KEY,
            exact text NOT NULL,
            folded text NOT NULL
        );
        CREATE TABLE term_pages (term text PRIMARY KEY, pages integer NOT NULL);
        CREATE TABLE corrections (
            id bigserial PRIMARY KEY,
            document_id text NOT NULL REFERENCES documents(id),
            field text NOT NULL,
            machine_value text,
            corrected_value text,
            corrected_by text NOT NULL,
            corrected_at text NOT NULL,
            note text
        );
        CREATE INDEX corrections_by_document ON corrections (document_id, field);
        CREATE TABLE users (
            name text PRIMARY KEY,
            role text NOT NULL,
            clearance text NOT NULL,
            password_hash text NOT NULL,
            created_at text NOT NULL
        );
        CREATE TABLE api_tokens (
            digest text PRIMARY KEY,
            user_name text NOT NULL REFERENCES users(name),
            created_at text NOT NULL
        );
        CREATE TABLE sessions (
            digest text PRIMARY KEY,
            user_name text NOT NULL REFERENCES users(name),
            csrf_token text NOT NULL,
            expires_at text NOT NULL
        );
        CREATE TABLE audit_log (
            id bigserial PRIMARY KEY,
            at text NOT NULL,
            event text NOT NULL,
            actor text NOT NULL,
            subject text,
            client text,
            detail text
        );
        CREATE INDEX audit_log_by_event ON audit_log (event, at);
        CREATE TABLE input_places (
            batch_root text NOT NULL,
            source text NOT NULL,
            fonds text, box text, box_title text, ho_so text, ho_so_title text,
            PRIMARY KEY (batch_root, source)
        );
        CREATE INDEX input_places_by_box ON input_places (box, ho_so);
        CREATE TABLE ho_so (
            fonds text NOT NULL DEFAULT '',
            box text NOT NULL DEFAULT '',
            code text NOT NULL,
            title text, retention text, access_mode text, language text, start_date text, end_date text,
            sheets integer, notes text,
            from_catalog integer NOT NULL DEFAULT 0,
            PRIMARY KEY (fonds, box, code)
        );
        CREATE TABLE fixity_checks (
            id bigserial PRIMARY KEY,
            at text NOT NULL,
            files integer NOT NULL,
            intact integer NOT NULL,
            problems text NOT NULL
        );
        CREATE TABLE input_explanations (
            batch_root text NOT NULL,
            source text NOT NULL,
            explanation text NOT NULL,
            explained_by text NOT NULL,
            explained_at text NOT NULL,
            PRIMARY KEY (batch_root, source)
        );
        """),
        // The search index as tsvectors that sohoa writes (ArchiveStore's ServerTextIndex).
        // The rows of the first layout are set aside; `Archive.finishIndexUpgrade()` writes
        // the index again from the pages and drops them.
        statements("""
        ALTER TABLE page_text RENAME TO page_text_v1;
        CREATE TABLE page_text (
            rowid bigint PRIMARY KEY,
            exact tsvector NOT NULL,
            folded tsvector NOT NULL,
            tokens integer NOT NULL
        );
        CREATE INDEX page_text_words ON page_text USING gin (folded);
        """),
    ]

    /// The statements of a script whose statements end with `;` at the end of a line.
    private static func statements(_ script: String) -> [String] {
        script.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .map { $0.hasSuffix(";") ? String($0.dropLast()) : $0 }.filter { !$0.isEmpty }
    }

    /// Brings the archive's schema up to date.
    static func apply(on link: PostgresLink) throws {
        try link.transaction {
            try link.execute("SELECT pg_advisory_xact_lock(\(migrationLock))")
            try link.execute("CREATE TABLE IF NOT EXISTS sohoa_schema (version integer NOT NULL)")
            let version = try link.rows("SELECT max(version) AS v FROM sohoa_schema") { try $0.optionalInt("v") }.first.flatMap { $0 } ?? 0
            guard version <= migrations.count else {
                throw PostgresFailure(message: "this archive was made by a newer sohoa (schema \(version), this one knows \(migrations.count))")
            }
            for (index, step) in migrations.enumerated().dropFirst(version) {
                for statement in step { try link.execute(statement) }
                try link.execute("INSERT INTO sohoa_schema (version) VALUES ($1)", [.int(index + 1)])
            }
        }
    }
}
