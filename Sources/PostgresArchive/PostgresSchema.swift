import Foundation

/// The PostgreSQL archive's layout, applied in numbered steps recorded in `sohoa_schema`, so
/// that a newer sohoa upgrades an archive in place. Many machines may start at once: the
/// steps run under one advisory lock, and each machine finds them done or does them.
///
/// Names follow the SQLite archive's (`runs`, `inputs`, `input_pages`) so that the two
/// ledgers read alike and `sohoa migrate` can map one onto the other. What only a shared
/// archive needs is added: `workers`, page leases and an input's assembly claim.
enum PostgresSchema {
    /// Any 64-bit number unlikely to be another program's: "sohoa" in ASCII.
    static let migrationLock = 0x736F_686F_61

    /// Each step is a list of statements: the extended protocol that postgres-nio speaks
    /// takes one statement per call.
    static let migrations: [[String]] = [
        statements("""
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
            host text NOT NULL,
            pid integer NOT NULL,
            started_at timestamptz NOT NULL DEFAULT now(),
            finished_at timestamptz,
            outcome text,
            inputs_found integer NOT NULL DEFAULT 0,
            ocr_engine text
        );
        CREATE TABLE inputs (
            id bigserial PRIMARY KEY,
            run_id bigint NOT NULL REFERENCES runs(id),
            batch_root text NOT NULL,
            source text NOT NULL,
            sha_key text NOT NULL,
            status text NOT NULL CHECK (status IN ('discovered', 'ok', 'duplicate', 'failed')),
            staged_path text,
            page_count integer,
            document_id text,
            error text,
            assembler_id bigint REFERENCES workers(id),
            assembly_expires timestamptz,
            first_seen timestamptz NOT NULL DEFAULT now(),
            last_attempt timestamptz NOT NULL DEFAULT now(),
            UNIQUE (batch_root, source, sha_key)
        );
        CREATE INDEX inputs_open ON inputs (id) WHERE status = 'discovered';
        CREATE TABLE input_pages (
            input_id bigint NOT NULL REFERENCES inputs(id) ON DELETE CASCADE,
            number integer NOT NULL,
            state text NOT NULL CHECK (state IN ('waiting', 'leased', 'recognised', 'stored', 'failed')),
            worker_id bigint REFERENCES workers(id),
            lease_expires timestamptz,
            attempts integer NOT NULL DEFAULT 0,
            seconds double precision,
            finished_at timestamptz,
            error text,
            result bytea,
            PRIMARY KEY (input_id, number)
        );
        CREATE INDEX input_pages_waiting ON input_pages (input_id, number) WHERE state = 'waiting';
        CREATE INDEX input_pages_leased ON input_pages (lease_expires) WHERE state = 'leased';
        CREATE INDEX input_pages_by_worker ON input_pages (worker_id, finished_at);
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
