// better-sqlite3 compiles a statement on every `prepare`; Kysely's driver calls it for each query.
// The hot path runs the same few dozen statements again and again, so they are compiled once and
// reused. A statement is bound afresh on each run, so sharing one between queries is safe (the
// driver is synchronous; Kysely runs one query at a time on SQLite's single connection).
import type { SqliteDatabase, SqliteStatement } from 'kysely';

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
