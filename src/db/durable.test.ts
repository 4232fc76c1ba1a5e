import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { Checkpointer, DurableSqliteDialect, FALLBACK_PAGES, GroupSync } from './durable.js';

describe('group commit on the WAL', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  function open() {
    const dir = mkdtempSync(join(tmpdir(), 'kundesenter-durable-'));
    dirs.push(dir);
    const path = join(dir, 'db.sqlite');
    const file = new SQLite(path);
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = NORMAL');
    const wal = new GroupSync(`${path}-wal`);
    const db = new Kysely<{ t: { n: number } }>({ dialect: new DurableSqliteDialect({ database: file }, wal) });
    return { db, wal, path };
  }

  it('syncs after a write, not after a read', async () => {
    const { db, wal } = open();
    await sql`create table t (n integer)`.execute(db);
    const afterCreate = wal.syncs;
    expect(afterCreate).toBe(1);
    await db.insertInto('t').values({ n: 1 }).execute();
    expect(wal.syncs).toBe(2);
    await db.selectFrom('t').selectAll().execute();
    await sql`select count(*) from t`.execute(db);
    expect(wal.syncs).toBe(2);
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ n: 2 }).execute();
      await trx.updateTable('t').set({ n: 3 }).where('n', '=', 2).execute();
    });
    expect(wal.syncs).toBe(3); // one per transaction, after its commit
    await db.destroy();
  });

  it('lets concurrent writers share syncs, each resolved only after one that began after its commit', async () => {
    const { db, wal, path } = open();
    await sql`create table t (n integer)`.execute(db);
    const before = wal.syncs;
    const writes = Array.from({ length: 50 }, (_, n) => db.insertInto('t').values({ n }).execute());
    await Promise.all(writes);
    const used = wal.syncs - before;
    expect(used).toBeGreaterThanOrEqual(1);
    expect(used).toBeLessThan(50);
    // Every acknowledged row is in the synced log: a second connection reads all of them.
    const reader = new SQLite(path, { readonly: true });
    expect(reader.prepare('select count(*) as c from t').get()).toEqual({ c: 50 });
    reader.close();
    await db.destroy();
  });

  it('waits for the next sync when one is already running', async () => {
    const { db, wal } = open();
    await sql`create table t (n integer)`.execute(db);
    const before = wal.syncs;
    const first = wal.sync();
    const second = wal.sync(); // asked while the first runs: must get a sync of its own
    const third = wal.sync(); // shares the second
    await Promise.all([first, second, third]);
    expect(wal.syncs - before).toBe(2);
    await db.destroy();
  });
});

describe('checkpoints on their own thread', () => {
  it('copies the log into the database while the service only writes, and stops when the database closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kundesenter-checkpoint-'));
    try {
      const path = join(dir, 'db.sqlite');
      const file = new SQLite(path);
      file.pragma('journal_mode = WAL');
      file.pragma('synchronous = NORMAL');
      file.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`); // the service's connection never gets there here
      const checkpointer = new Checkpointer(path, { intervalMs: 10, restartPages: 64 });
      const db = new Kysely<{ t: { n: number; s: string } }>({ dialect: new DurableSqliteDialect({ database: file }, new GroupSync(`${path}-wal`), checkpointer) });
      await sql`create table t (n integer, s text)`.execute(db);
      const empty = statSync(path).size;
      for (let n = 0; n < 500; n++) await db.insertInto('t').values({ n, s: 'x'.repeat(500) }).execute();
      // only the thread can have moved pages from the log into the database file
      await expect.poll(() => statSync(path).size, { timeout: 5_000 }).toBeGreaterThan(empty + 100 * 1024);
      await db.destroy(); // stops the thread first
      const reader = new SQLite(path, { readonly: true });
      expect(reader.prepare('select count(*) as c, sum(n) as total from t').get()).toEqual({ c: 500, total: (499 * 500) / 2 });
      reader.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
