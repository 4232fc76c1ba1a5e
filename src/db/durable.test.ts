import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { Checkpointer, DurableSqliteDialect, FALLBACK_PAGES, GroupSync, RestartGate } from './durable.js';
import { directSqlite } from './connect.js';
import { PreparedStatements } from './statements.js';

/** A WAL database file in a fresh directory (the service's connection never checkpoints here), removed after `use`. */
async function inWalDatabase(use: (path: string, file: SQLite.Database) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kundesenter-wal-'));
  try {
    const path = join(dir, 'db.sqlite');
    const file = new SQLite(path);
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = NORMAL');
    file.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
    await use(path, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Kysely on `file` with group commit and a checkpointer thread. */
function checkpointed(path: string, file: SQLite.Database, options: ConstructorParameters<typeof Checkpointer>[1]) {
  const checkpointer = new Checkpointer(path, options);
  const db = new Kysely<{ t: { n: number; s: string } }>({ dialect: new DurableSqliteDialect({ database: file }, new GroupSync(`${path}-wal`), checkpointer) });
  return { checkpointer, db };
}

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
    await inWalDatabase(async (path, file) => {
      const { db } = checkpointed(path, file, { intervalMs: 10, restartPages: 64 });
      await sql`create table t (n integer, s text)`.execute(db);
      const empty = statSync(path).size;
      for (let n = 0; n < 500; n++) await db.insertInto('t').values({ n, s: 'x'.repeat(500) }).execute();
      // only the thread can have moved pages from the log into the database file
      await expect.poll(() => statSync(path).size, { timeout: 5_000 }).toBeGreaterThan(empty + 100 * 1024);
      await db.destroy(); // stops the thread first
      const reader = new SQLite(path, { readonly: true });
      expect(reader.prepare('select count(*) as c, sum(n) as total from t').get()).toEqual({ c: 500, total: (499 * 500) / 2 });
      reader.close();
    });
  });
});

describe('the restart gate', () => {
  const raise = (gate: RestartGate) => Atomics.store(new Int32Array(gate.shared), 0, 1);
  const lower = (gate: RestartGate) => {
    const flag = new Int32Array(gate.shared);
    Atomics.store(flag, 0, 0);
    Atomics.notify(flag, 0);
  };

  it('costs nothing while down, and holds a writer until it comes down', async () => {
    const gate = new RestartGate();
    expect(gate.passed()).toBeUndefined();
    raise(gate);
    let through = false;
    const waiting = gate.passed()!.then(() => (through = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(through).toBe(false);
    lower(gate);
    await waiting;
    expect(gate.passed()).toBeUndefined();
  });

  it('holds Kysely’s writes while raised, and the checkpointer raises it around each restart of the log', async () => {
    await inWalDatabase(async (path, file) => {
      const { checkpointer, db } = checkpointed(path, file, { intervalMs: 5, restartPages: 16 });
      await sql`create table t (n integer, s text)`.execute(db);
      for (let n = 0; n < 300; n++) await db.insertInto('t').values({ n, s: 'x'.repeat(2000) }).execute();
      await expect.poll(() => checkpointer.gate.restarts, { timeout: 5_000 }).toBeGreaterThan(0);
      await checkpointer.stop(); // no restart of its own from here on
      raise(checkpointer.gate);
      let stored = false;
      const insert = db.insertInto('t').values({ n: 300, s: 'y' }).execute().then(() => (stored = true));
      await new Promise((r) => setTimeout(r, 20));
      expect(stored).toBe(false);
      lower(checkpointer.gate);
      await insert;
      expect(await db.selectFrom('t').select((eb) => eb.fn.countAll<number>().as('c')).executeTakeFirstOrThrow()).toEqual({ c: 301 });
      await db.destroy();
    });
  });
});

describe('the direct path and the restart gate', () => {
  it('waits for a restart, then for a Kysely transaction begun meanwhile, then writes', async () => {
    await inWalDatabase(async (path, file) => {
      file.exec('create table t (n integer)');
      const gate = new RestartGate();
      const direct = directSqlite(file, new PreparedStatements(file), new GroupSync(`${path}-wal`), gate);
      const flag = new Int32Array(gate.shared);
      Atomics.store(flag, 0, 1);
      let ran = false;
      const write = direct.transaction((prepare) => {
        ran = true;
        prepare('insert into t values (?)').run(1);
        return 'stored';
      })!;
      await new Promise((r) => setTimeout(r, 10));
      expect(ran).toBe(false);
      file.exec('begin; insert into t values (0)'); // stands for a Kysely transaction between its awaits
      Atomics.store(flag, 0, 0);
      Atomics.notify(flag, 0);
      await new Promise((r) => setTimeout(r, 10));
      expect(ran).toBe(false);
      expect(direct.transaction(() => 'x')).toBeUndefined(); // a new caller is sent to Kysely
      file.exec('commit');
      expect(await write).toBe('stored');
      expect(file.prepare('select n from t order by rowid').all()).toEqual([{ n: 0 }, { n: 1 }]);
      file.close();
    });
  });
});
