import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from './schema.js';
import { compileOnce, PreparedStatements } from './statements.js';

describe('PreparedStatements', () => {
  it('compiles a statement once and reuses it, with fresh parameters each run', async () => {
    const file = new SQLite(':memory:');
    let compiled = 0;
    const counting = { prepare: (q: string) => (compiled++, file.prepare(q)), close: () => file.close() };
    const statements = new PreparedStatements(counting);
    const db = new Kysely<{ t: { n: number } }>({ dialect: new SqliteDialect({ database: statements }) });
    await sql`create table t (n integer)`.execute(db);
    for (let i = 0; i < 50; i++) await db.insertInto('t').values({ n: i }).execute();
    const rows = await db.selectFrom('t').select('n').where('n', '>=', 48).orderBy('n').execute();
    const again = await db.selectFrom('t').select('n').where('n', '>=', 10).where('n', '<', 12).orderBy('n').execute();
    expect(rows).toEqual([{ n: 48 }, { n: 49 }]);
    expect(again).toEqual([{ n: 10 }, { n: 11 }]);
    // create, one insert, two different selects (the second has another shape)
    expect(compiled).toBe(4);
    await db.destroy();
  });

  it('keeps at most its capacity, the least recently used going first', () => {
    const file = new SQLite(':memory:');
    const statements = new PreparedStatements(file, 2);
    const a = statements.prepare('select 1');
    statements.prepare('select 2');
    expect(statements.prepare('select 1')).toBe(a);
    statements.prepare('select 3'); // pushes out "select 2", the least recently used
    expect(statements.size).toBe(2);
    expect(statements.prepare('select 1')).toBe(a);
    statements.close();
  });
});

describe('compileOnce', () => {
  it('runs a query compiled once with new values in the places of its arguments, fixed values kept', async () => {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    await sql`create table sessions (id text, advisor_id text, expires_at text)`.execute(db);
    await sql`insert into sessions values ('s1', 'a', '2026-01-02'), ('s2', 'b', '2026-01-03'), ('s3', 'a', '2026-01-05')`.execute(db);
    const of = compileOnce(db, 2, (advisor, after) => db.selectFrom('sessions').select('id').where('advisor_id', '=', advisor).where('expires_at', '>', after).where('id', '!=', 'none').orderBy('id'));
    expect(await of('a', '2026-01-01')).toEqual([{ id: 's1' }, { id: 's3' }]);
    expect(await of('a', '2026-01-03')).toEqual([{ id: 's3' }]);
    expect(await of('b', '2026-01-01')).toEqual([{ id: 's2' }]);
    expect(() => compileOnce(db, 2, (advisor) => db.selectFrom('sessions').selectAll().where('advisor_id', '=', advisor))).toThrow(/argument 1/);
    await db.destroy();
  });
});
