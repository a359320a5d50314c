import type { Database } from './database';

/**
 * One entry per schema version, applied in order, each in its own transaction. A shipped
 * migration is never edited: a change is a new entry.
 */
export const migrations: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE users (
        id text PRIMARY KEY,
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL,
        area_code text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE devices (
        user_id text NOT NULL REFERENCES users(id),
        device_id text NOT NULL,
        device_name text,
        revoked_at timestamptz,
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, device_id)
      );
      CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users(id),
        device_id text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE server_secrets (
        name text PRIMARY KEY,
        value text NOT NULL
      );
      CREATE SEQUENCE change_seq;
      CREATE TABLE documents (
        collection text NOT NULL,
        id text NOT NULL,
        area_code text NOT NULL,
        data jsonb NOT NULL,
        deleted boolean NOT NULL,
        seq bigint NOT NULL,
        PRIMARY KEY (collection, id)
      );
      CREATE INDEX documents_by_seq ON documents (collection, seq);
      CREATE INDEX documents_by_area ON documents (collection, area_code text_pattern_ops, seq);
    `,
  },
  {
    // Append-only audit trail. Values never go in: only ids, field names and counts. The
    // trigger refuses UPDATE, DELETE and TRUNCATE for every role that does not own the table;
    // a superuser can still drop it, which a separate insert-only role would prevent.
    version: 2,
    sql: `
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        user_id text,
        device_id text,
        role text,
        action text NOT NULL,
        collection text,
        document_id text,
        area_code text,
        details jsonb
      );
      CREATE INDEX audit_log_by_area ON audit_log (area_code text_pattern_ops, id);
      CREATE INDEX audit_log_by_user ON audit_log (user_id, id);
      CREATE INDEX audit_log_by_document ON audit_log (document_id, id);
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
        END
      $$;
      CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
    `,
  },
  {
    // Attachments, named by the SHA-256 of their bytes (the bytes live in the file storage,
    // not here). One blob may belong to documents of several areas: file_areas says for which
    // areas it was sent, attachment documents (collection 'attachments') which records name it;
    // a caller may read the blob when either is inside the caller's scope.
    version: 3,
    sql: `
      CREATE TABLE files (
        sha256 text PRIMARY KEY,
        content_type text NOT NULL,
        size bigint NOT NULL,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE file_areas (
        sha256 text NOT NULL REFERENCES files(sha256),
        area_code text NOT NULL,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sha256, area_code)
      );
      CREATE INDEX file_areas_by_area ON file_areas (area_code text_pattern_ops, sha256);
      CREATE INDEX documents_attachment_sha256 ON documents ((data->>'sha256')) WHERE collection = 'attachments';
    `,
  },
  {
    // The township's end-of-day report counts one day's stored writes by village
    // (server/reports/): without this it would read an area's whole audit history, pulls included.
    version: 4,
    sql: `
      CREATE INDEX audit_log_writes_by_time ON audit_log (at, area_code text_pattern_ops) WHERE action IN ('create', 'change');
    `,
  },
  {
    // View entries name the documents a pull or stream delivered in details.documentIds; an audit
    // query by document id ("who saw this household?") looks them up here instead of reading
    // every view entry of the log (server/audit/auditQuery.ts).
    version: 5,
    sql: `
      CREATE INDEX audit_log_viewed_documents ON audit_log USING gin ((details->'documentIds') jsonb_path_ops) WHERE action = 'view';
    `,
  },
  {
    // Sessions end when they should (server/auth/):
    // - devices.session_epoch: every access token carries the epoch it was issued in; signing out
    //   or a replayed refresh token raises it, so the device's earlier access tokens stop working.
    // - refresh_tokens.used_at/replayed_at: a refresh token works once, plus one retry within the
    //   grace; used ones stay (as hashes) until they expire, so a later replay is recognised.
    // - login_failures: failed sign-ins per hashed key (username, address, known device), shared
    //   by every server process; rows older than the window are pruned as logins happen.
    // - Secrets: the device keys (data key wrap, bundle signing) keep the value they have always
    //   had, now under device_key_hmac; the access-token secret is dropped and made afresh at the
    //   next start (everyone's 15-minute access token expires early once; refresh tokens go on).
    version: 6,
    sql: `
      ALTER TABLE devices ADD COLUMN session_epoch integer NOT NULL DEFAULT 0;
      ALTER TABLE refresh_tokens ADD COLUMN used_at timestamptz;
      ALTER TABLE refresh_tokens ADD COLUMN replayed_at timestamptz;
      CREATE INDEX refresh_tokens_by_device ON refresh_tokens (user_id, device_id);
      CREATE INDEX refresh_tokens_by_expiry ON refresh_tokens (expires_at);
      CREATE TABLE login_failures (
        id bigserial PRIMARY KEY,
        key_hash text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX login_failures_by_key ON login_failures (key_hash, at);
      CREATE INDEX login_failures_by_time ON login_failures (at);
      INSERT INTO server_secrets (name, value)
        SELECT 'device_key_hmac', value FROM server_secrets WHERE name = 'access_token_hmac'
        ON CONFLICT (name) DO NOTHING;
      DELETE FROM server_secrets WHERE name = 'access_token_hmac';
    `,
  },
  {
    // ID-number search keys per township (server/search/searchKeys.ts): each township's key is
    // derived from a root secret that never leaves the server (id_search_root, made at the next
    // start) and the township's key version kept here; a township without a row is at version 1.
    // The one deployment-wide key every laptop was given (id_search_key) is dropped. The hashes
    // stored under it are re-computed at the next start: every township that has households is
    // entered at version 0 ("hashed under the retired key"), which the start rotates to 1.
    version: 7,
    sql: `
      CREATE TABLE search_key_versions (
        township text PRIMARY KEY CHECK (township ~ '^[0-9]{9}$'),
        version integer NOT NULL CHECK (version >= 0),
        rotated_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO search_key_versions (township, version)
        SELECT DISTINCT substr(area_code, 1, 9), 0 FROM documents
         WHERE collection = 'households' AND area_code ~ '^[0-9]{12}$';
      DELETE FROM server_secrets WHERE name = 'id_search_key';
    `,
  },
  {
    // Policies v1 (shared/schemas/reference.ts): validity periods instead of years, figures for
    // every programme, per-figure sources. Each county's latest period is left open (no validTo);
    // the year goes; the figures v1 added are null (待配置); nothing stored was an example. Each
    // changed document takes a new sequence number so laptops pull the new shape (theirs ran the
    // same conversion, shared/schemas/policyUpgrade.ts, and then take the server's copy).
    version: 8,
    sql: `
      UPDATE documents AS d SET data = d.data - 'validTo'
       WHERE d.collection = 'policies' AND NOT d.deleted AND d.data->'year' IS NOT NULL
         AND d.data->>'validFrom' = (SELECT max(o.data->>'validFrom') FROM documents AS o
                                      WHERE o.collection = 'policies' AND NOT o.deleted AND o.area_code = d.area_code);
      UPDATE documents SET
        data = (data - 'year') || jsonb_build_object(
          'tekunBasicLivingMonthly', NULL,
          'tekunCareFullSelfCareMonthly', NULL,
          'tekunCarePartialMonthly', NULL,
          'tekunCareNoneMonthly', NULL,
          'medicalAidRatioTekun', NULL,
          'medicalAidRatioDibao', NULL,
          'medicalAidRatioEdge', NULL,
          'medicalAidRatioIllnessPoverty', NULL,
          'medicalAidDeductibleTekun', NULL,
          'medicalAidDeductibleDibao', NULL,
          'medicalAidDeductibleEdge', NULL,
          'medicalAidDeductibleIllnessPoverty', NULL,
          'medicalAidYearlyCapTekun', NULL,
          'medicalAidYearlyCapDibao', NULL,
          'medicalAidYearlyCapEdge', NULL,
          'medicalAidYearlyCapIllnessPoverty', NULL,
          'illnessPovertyThreshold', NULL,
          'temporaryAidMaxAmount', NULL,
          'emergencyDelegatedLimit', NULL,
          'emergencyFileDays', NULL,
          'assetDepositsPerCapitaLimit', NULL,
          'assetVehicleValueLimit', NULL,
          'assetHousingUnitsLimit', NULL
        ) || jsonb_build_object('figureSources', '{}'::jsonb, 'example', false),
        seq = nextval('change_seq')
       WHERE collection = 'policies' AND data->'year' IS NOT NULL;
    `,
  },
  {
    // The audit log, partitioned by month (China time, UTC+8, which has no daylight saving) so
    // that a month older than the retention can be exported and dropped whole by
    // `audit archive` (server/audit/auditArchive.ts) — the only way entries ever leave. Every
    // entry is moved over with its id; the id sequence goes on. The row trigger is declared on
    // the parent, so PostgreSQL puts it on every partition, present and future: an entry is
    // refused UPDATE and DELETE through the parent and through its month alike. TRUNCATE
    // triggers are not inherited: audit_log_ensure_month puts one on each month it creates.
    // audit_log_ensure_month(at) creates the month holding `at` if it is missing; the server
    // calls it for the coming months at start and every few hours (server/audit/auditMonths.ts),
    // so a write never lacks its month.
    version: 9,
    sql: `
      ALTER TABLE audit_log RENAME TO audit_log_before_9;
      ALTER TABLE audit_log_before_9 DROP CONSTRAINT audit_log_pkey;
      DROP INDEX audit_log_by_area;
      DROP INDEX audit_log_by_user;
      DROP INDEX audit_log_by_document;
      DROP INDEX audit_log_writes_by_time;
      DROP INDEX audit_log_viewed_documents;
      CREATE TABLE audit_log (
        id bigint NOT NULL DEFAULT nextval('audit_log_id_seq'),
        at timestamptz NOT NULL DEFAULT now(),
        user_id text,
        device_id text,
        role text,
        action text NOT NULL,
        collection text,
        document_id text,
        area_code text,
        details jsonb,
        PRIMARY KEY (id, at)
      ) PARTITION BY RANGE (at);
      ALTER SEQUENCE audit_log_id_seq OWNED BY audit_log.id;
      CREATE INDEX audit_log_by_area ON audit_log (area_code text_pattern_ops, id);
      CREATE INDEX audit_log_by_user ON audit_log (user_id, id);
      CREATE INDEX audit_log_by_document ON audit_log (document_id, id);
      CREATE INDEX audit_log_writes_by_time ON audit_log (at, area_code text_pattern_ops) WHERE action IN ('create', 'change');
      CREATE INDEX audit_log_viewed_documents ON audit_log USING gin ((details->'documentIds') jsonb_path_ops) WHERE action = 'view';
      CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
      CREATE FUNCTION audit_log_ensure_month(moment timestamptz) RETURNS text LANGUAGE plpgsql AS $$
        DECLARE
          month_start timestamp := date_trunc('month', moment AT TIME ZONE INTERVAL '+08:00');
          month_table text := 'audit_log_' || to_char(month_start, 'YYYY_MM');
          month_index record;
        BEGIN
          IF to_regclass(month_table) IS NULL THEN
            -- Two server processes starting together: the second waits, then finds the month made.
            -- Looked for again in pg_class itself: to_regclass's cache may not have seen the other's commit yet.
            PERFORM pg_advisory_xact_lock(7164002);
            IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = month_table AND relnamespace = current_schema()::regnamespace) THEN
              EXECUTE format('CREATE TABLE %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)', month_table,
                month_start AT TIME ZONE INTERVAL '+08:00', (month_start + interval '1 month') AT TIME ZONE INTERVAL '+08:00');
              EXECUTE format('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()', month_table);
              -- The month's copy of each index is named after the parent's (audit_log_2026_12_by_area), not numbered.
              FOR month_index IN
                SELECT c.relname AS child, p.relname AS parent FROM pg_index x
                  JOIN pg_class c ON c.oid = x.indexrelid
                  JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent
                 WHERE x.indrelid = to_regclass(month_table)
              LOOP
                IF month_index.child <> month_table || substr(month_index.parent, 10) THEN
                  EXECUTE format('ALTER INDEX %I RENAME TO %I', month_index.child, month_table || substr(month_index.parent, 10));
                END IF;
              END LOOP;
            END IF;
          END IF;
          RETURN month_table;
        END
      $$;
      SELECT audit_log_ensure_month(month_start) FROM (
        SELECT DISTINCT date_trunc('month', at AT TIME ZONE INTERVAL '+08:00') AT TIME ZONE INTERVAL '+08:00' AS month_start FROM audit_log_before_9
      ) AS months;
      SELECT audit_log_ensure_month(now() + make_interval(months => n)) FROM generate_series(0, 3) AS n;
      INSERT INTO audit_log (id, at, user_id, device_id, role, action, collection, document_id, area_code, details)
        SELECT id, at, user_id, device_id, role, action, collection, document_id, area_code, details FROM audit_log_before_9;
      DROP TABLE audit_log_before_9;
    `,
  },
  {
    // Reference data newer than the build (server/reference/referenceStore.ts): a holiday year
    // (kind 'holidays', key the year) or the division file (kind 'areas', key 'divisions'), as
    // the operator imported it. `revision` counts the imports of a key: the areas' pull
    // checkpoints carry it, so laptops that pulled an older list take the new one.
    version: 10,
    sql: `
      CREATE TABLE reference_data (
        kind text NOT NULL,
        key text NOT NULL,
        data jsonb NOT NULL,
        revision integer NOT NULL DEFAULT 1,
        imported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, key)
      );
    `,
  },
  {
    // Rollout settings a county sets for its laptops (issue 16): for now the idle-lock time. A
    // county without a row (or with NULL) gets the app's default; the bounds are the app's.
    version: 11,
    sql: `
      CREATE TABLE county_settings (
        county text PRIMARY KEY CHECK (county ~ '^[0-9]{6}$'),
        idle_minutes integer CHECK (idle_minutes BETWEEN 1 AND 60),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    // 码上查 (server/statusCheck/): each tracking code a laptop drew at 受理, by its SHA-256 only (the
    // code is a bearer secret), with its application, whether it was stopped, and its wrong-answer
    // count, its locks in a row (each twice as long) and its lock; and the recent lookups, per code
    // and per client address (a keyed hash), for the rate limits.
    version: 12,
    sql: `
      CREATE TABLE tracking_codes (
        code_hash text PRIMARY KEY,
        application_id text NOT NULL UNIQUE,
        revoked boolean NOT NULL DEFAULT false,
        failures integer NOT NULL DEFAULT 0,
        locked_until bigint,
        locks integer NOT NULL DEFAULT 0,
        registered_at bigint NOT NULL
      );
      CREATE TABLE status_lookups (
        at bigint NOT NULL,
        code_hash text NOT NULL,
        address text NOT NULL
      );
      CREATE INDEX status_lookups_by_code ON status_lookups (code_hash, at);
      CREATE INDEX status_lookups_by_address ON status_lookups (address, at);
    `,
  },
  {
    // The township relay (server/relay/, issue 17). Empty on a central server. On a relay: the
    // township's accounts and devices as the central server last said (revocations reach the relay
    // with them), the password checks and sessions that let its laptops sign in while the county is
    // away, the batches laptops pushed waiting to go up (in arrival order, with the central server's
    // answer once given), which stored documents are such a batch's pending version, the upstream
    // (accepted) version of each document, and the relay's own settings and pull checkpoints.
    version: 13,
    sql: `
      CREATE TABLE relay_accounts (
        user_id text PRIMARY KEY,
        username text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL,
        area_code text NOT NULL,
        active boolean NOT NULL,
        recorded_at bigint NOT NULL DEFAULT 0
      );
      CREATE TABLE relay_devices (
        user_id text NOT NULL,
        device_id text NOT NULL,
        revoked boolean NOT NULL,
        session_epoch integer NOT NULL,
        recorded_at bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (user_id, device_id)
      );
      CREATE TABLE relay_passwords (
        username text PRIMARY KEY,
        user_id text NOT NULL,
        password_hash text NOT NULL
      );
      CREATE TABLE relay_sessions (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL,
        device_id text NOT NULL,
        central_refresh text,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz
      );
      CREATE TABLE relay_outbox (
        seq bigserial PRIMARY KEY,
        batch_id text NOT NULL UNIQUE,
        collection text NOT NULL,
        user_id text NOT NULL,
        device_id text NOT NULL,
        area_code text NOT NULL,
        rows jsonb NOT NULL,
        signature text NOT NULL,
        received_at bigint NOT NULL,
        state text NOT NULL DEFAULT 'waiting',
        answer jsonb,
        answered_at bigint
      );
      CREATE INDEX relay_outbox_waiting ON relay_outbox (seq) WHERE state = 'waiting';
      CREATE TABLE relay_pending (
        collection text NOT NULL,
        id text NOT NULL,
        batch_seq bigint NOT NULL,
        area_code text NOT NULL,
        PRIMARY KEY (collection, id, batch_seq)
      );
      CREATE TABLE relay_master (
        collection text NOT NULL,
        id text NOT NULL,
        data jsonb NOT NULL,
        deleted boolean NOT NULL,
        PRIMARY KEY (collection, id)
      );
      CREATE TABLE relay_state (
        name text PRIMARY KEY,
        value jsonb NOT NULL
      );
    `,
  },
  {
    // On the central server: each laptop batch a relay forwarded and this server stored, by the hash
    // of the laptop's signature, with the answer it got. The same signed batch again (a relay that
    // crashed before keeping the answer, or one replaying an old batch) gets that answer and stores
    // nothing, even after the record has come back to the state the old batch assumed.
    version: 14,
    sql: `
      CREATE TABLE forwarded_batches (
        signature_hash text PRIMARY KEY,
        answer jsonb NOT NULL,
        forwarded_at bigint NOT NULL
      );
    `,
  },
];

export const LATEST_SCHEMA_VERSION = migrations.reduce((max, m) => Math.max(max, m.version), 0);

export class DatabaseTooNewError extends Error {
  constructor(readonly found: number) {
    super(`database schema version ${found} is newer than this server (${LATEST_SCHEMA_VERSION}); upgrade the server`);
  }
}

export async function migrate(db: Database): Promise<void> {
  await db.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  // Two server processes starting together must not both apply the same migration.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7164001)');
    const rows = await tx.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const current = rows[0]?.version ?? 0;
    if (current > LATEST_SCHEMA_VERSION) throw new DatabaseTooNewError(current);
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [migration.version]);
    }
  });
  // Every opening (a server, a command) makes sure the audit log has this month and the next three
  // (migration 9): a command may be the first to write after a server stood still for months.
  await db.query('SELECT audit_log_ensure_month(now() + make_interval(months => n)) FROM generate_series(0, 3) AS n');
}

/**
 * Extended-protocol queries take one statement each. Statements end at semicolons, except
 * inside `$$ … $$` (function bodies); migrations use no other quoting that holds a semicolon.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  sql.split('$$').forEach((part, i) => {
    if (i % 2 === 1) {
      current += `$$${part}$$`;
      return;
    }
    const pieces = part.split(';');
    current += pieces[0];
    for (const piece of pieces.slice(1)) {
      statements.push(current);
      current = piece;
    }
  });
  statements.push(current);
  return statements.map((s) => s.trim()).filter((s) => s.length > 0);
}
