// Opens the database: SQLite in DATA_DIR by default, PostgreSQL when a postgres:// URL is given.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Checkpointer, DurableSqliteDialect, FALLBACK_PAGES, GroupSync, type RestartGate } from './durable.js';
import { migrateToLatest } from './migrate.js';
import { RedactionPlugin } from './redaction.js';
import { PreparedStatements } from './statements.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** SQLite only: the hot path's writes past Kysely (see DirectSqlite). */
  direct?: DirectSqlite;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Statements as better-sqlite3 runs them, positional parameters. */
export interface DirectStatement {
  run(...params: unknown[]): { changes: number };
  all(...params: unknown[]): unknown[];
}

/**
 * SQLite's connection for the few writes every message makes, past Kysely's query builder,
 * plugins and transaction machinery (which cost more than SQLite's own work, and most of the
 * garbage per message). The work runs synchronously in one BEGIN IMMEDIATE … COMMIT on the same
 * connection, with statements compiled once, and resolves after the WAL sync as any write does
 * (durable.ts). What it stores must pass through `storedText` where the redaction plugin would.
 */
export interface DirectSqlite {
  /**
   * Runs `work` as one transaction; undefined at once, running nothing, while a Kysely
   * transaction is open on the connection (the caller then goes through Kysely, which waits
   * its turn). A throw rolls back and rejects.
   */
  transaction<T>(work: (prepare: Prepare) => T): Promise<T> | undefined;
  /**
   * The rows of a read, at once and past Kysely; undefined, running nothing, while a Kysely
   * transaction is open on the connection (its writes are not committed yet: the caller then
   * reads through Kysely, which waits its turn, as every read did before).
   */
  read(sql: string, parameters: readonly unknown[]): unknown[] | undefined;
}

/** A statement for `sql`, compiled once and kept (statements.ts). */
export type Prepare = (sql: string) => DirectStatement;

/** Exported for its tests; the service gets it from openDatabase. */
export function directSqlite(file: SQLite.Database, statements: PreparedStatements, wal: GroupSync, gate: RestartGate): DirectSqlite {
  const prepare: Prepare = (sql) => statements.prepare(sql) as unknown as DirectStatement;
  const run = <T>(work: (prepare: Prepare) => T): Promise<T> => {
    let result: T;
    try {
      result = file.transaction(() => work(prepare)).immediate();
    } catch (e) {
      return Promise.reject(e);
    }
    return wal.sync().then(() => result);
  };
  // After waiting for a restart of the log, a Kysely transaction may have begun meanwhile: this
  // write then goes after it (it is already promised, so it cannot hand the work back).
  const runWhenFree = async <T>(work: (prepare: Prepare) => T): Promise<T> => {
    while (file.inTransaction) await new Promise((r) => setTimeout(r, 1));
    return run(work);
  };
  return {
    transaction(work) {
      // Nothing else runs while this synchronous call does; a transaction already open is a
      // Kysely one between two of its awaits.
      if (file.inTransaction) return undefined;
      const restarting = gate.passed();
      return restarting ? restarting.then(() => runWhenFree(work)) : run(work);
    },
    read(sql, parameters) {
      if (file.inTransaction) return undefined;
      return prepare(sql).all(...parameters);
    },
  };
}

export interface DatabaseOptions {
  /** postgres://… selects PostgreSQL; otherwise SQLite in `dataDir`. */
  url?: string | undefined;
  dataDir: string;
  /** PostgreSQL schema to use (created if missing); tests use a fresh one per run. */
  pgSchema?: string | undefined;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

function openSqlite(dataDir: string): { db: Kysely<Database>; direct: DirectSqlite } {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'kundesenter.sqlite');
  const file = new SQLite(path);
  // WAL, and every commit synced before the API acknowledges it, so an acknowledged message
  // survives power loss too: SQLite itself at NORMAL (it syncs at checkpoints), and the WAL synced
  // by the dialect on a worker thread, many commits to one sync (durable.ts).
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  // 64 MiB of page cache (SQLite's default is 2 MiB): the indexes the hot path writes stay in
  // memory instead of being read back from the file on every message.
  file.pragma('cache_size = -65536');
  // Checkpoints on their own thread, not inside a commit on the event loop (durable.ts).
  file.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  const statements = new PreparedStatements(file);
  const wal = new GroupSync(`${path}-wal`);
  const checkpointer = new Checkpointer(path);
  const dialect = new DurableSqliteDialect({ database: statements }, wal, checkpointer);
  return { db: new Kysely<Database>({ dialect, plugins: [new RedactionPlugin()] }), direct: directSqlite(file, statements, wal, checkpointer.gate) };
}

/** Any fixed number: instances starting together take turns to create the schema and migrate. */
const MIGRATION_LOCK = 7_243_001;

async function openPostgres(url: string, schema: string | undefined, max: number): Promise<Kysely<Database>> {
  const { default: pg } = await import('pg'); // only for PostgreSQL: the embedded default starts without it
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`);
  const pool = new pg.Pool({
    connectionString: url,
    max,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection dropped by the server (a restart, a failover) is an 'error' on the pool;
  // unheard, it would end the process. The pool replaces it; requests meanwhile get a 503.
  pool.on('error', (e) => console.error('postgres: idle connection lost:', e.message));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new RedactionPlugin()] });
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
    await admin.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    if (schema !== undefined) await admin.query(`create schema if not exists ${schema}`);
    const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    await migrateToLatest(db, current.rows[0]?.schema ?? schema);
  } catch (e) {
    await db.destroy();
    throw e;
  } finally {
    await admin.end().catch(() => {}); // ending the session releases the lock
  }
  return db;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const isPg = options.url !== undefined && /^postgres(ql)?:\/\//.test(options.url);
  let db: Kysely<Database>;
  let direct: DirectSqlite | undefined;
  if (isPg) {
    db = await openPostgres(options.url!, options.pgSchema, options.poolSize ?? 10);
  } else {
    ({ db, direct } = openSqlite(options.dataDir));
    try {
      await migrateToLatest(db);
    } catch (e) {
      await db.destroy();
      throw e;
    }
  }
  return {
    db,
    dialect: isPg ? 'postgres' : 'sqlite',
    ...(direct ? { direct } : {}),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

/** True for a unique-constraint violation in either database. */
export function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null || !('code' in e)) return false;
  const code = (e as { code: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
