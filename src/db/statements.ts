// better-sqlite3 compiles a statement on every `prepare`; Kysely's driver calls it for each query.
// The hot path runs the same few dozen statements again and again, so they are compiled once and
// reused. A statement is bound afresh on each run, so sharing one between queries is safe (the
// driver is synchronous; Kysely runs one query at a time on SQLite's single connection).
import type { Compilable, Kysely, SqliteDatabase, SqliteStatement } from 'kysely';
import type { DirectSqlite } from './connect.js';
import type { Database } from './schema.js';

/** Enough for every statement the service writes; ad-hoc ones beyond it push out the oldest. */
const DEFAULT_CAPACITY = 512;

export class PreparedStatements implements SqliteDatabase {
  private readonly cache = new Map<string, SqliteStatement>();

  constructor(
    private readonly database: SqliteDatabase,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  prepare(sql: string): SqliteStatement {
    const hit = this.cache.get(sql);
    if (hit) {
      // Most recently used last, so the oldest is first to go.
      this.cache.delete(sql);
      this.cache.set(sql, hit);
      return hit;
    }
    const statement = this.database.prepare(sql);
    this.cache.set(sql, statement);
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value!);
    return statement;
  }

  get size(): number {
    return this.cache.size;
  }

  close(): void {
    this.cache.clear();
    this.database.close();
  }
}

/** Stands for the i-th argument of a query compiled once (`compileOnce`): unique, and never a real value. */
const placeholder = (i: number) => `\u0000compiled-once:${i}\u0000`;

/**
 * A read built, passed through the plugins and compiled to SQL once, then run with new values:
 * for the reads every request makes (the session behind a cookie, the conversation), where
 * building and compiling the query cost as much as the database's answer. `build` gets one
 * placeholder per argument and puts them where values go; the other values it uses are fixed.
 * Runs through `db` like any query (its connection, its driver), so it sees what other queries see;
 * with SQLite's `direct` connection it runs there synchronously instead (the same SQL on the same
 * connection, minus Kysely's connection and promise hops) unless a transaction is open.
 */
export function compileOnce<R, N extends number>(
  db: Kysely<Database>,
  arity: N,
  build: (...placeholders: string[]) => Compilable<R>,
  direct?: DirectSqlite,
): (...args: unknown[] & { length: N }) => Promise<R[]> {
  const compiled = build(...Array.from({ length: arity }, (_, i) => placeholder(i))).compile();
  // Where each argument goes: the position of its placeholder among the parameters (-1: fixed).
  const slots = compiled.parameters.map((p) => (typeof p === 'string' ? Array.from({ length: arity }, (_, i) => placeholder(i)).indexOf(p) : -1));
  for (let i = 0; i < arity; i++) if (!slots.includes(i)) throw new Error(`compileOnce: argument ${i} is not used by the query`);
  return async (...args) => {
    const parameters = compiled.parameters.map((p, i) => (slots[i]! >= 0 ? args[slots[i]!] : p));
    const rows = direct?.read(compiled.sql, parameters);
    if (rows) return rows as R[];
    return (await db.executeQuery<R>({ ...compiled, parameters })).rows;
  };
}
