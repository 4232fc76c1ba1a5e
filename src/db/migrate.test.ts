// Upgrading a database that has data, on SQLite and PostgreSQL: 002 adds `customer_seen_at` and
// gives conversations open at the upgrade a fresh "seen" (a full grace period before a sweep); 003
// adds `advisors.active`, with every existing account active.
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from './migrate.js';
import * as m001 from './migrations/001_init.js';
import * as m002 from './migrations/002_customer_seen_at.js';
import * as m003 from './migrations/003_advisor_active.js';
import type { Database } from './schema.js';
import { freshSchemaName, testDatabaseUrl, testTargets, warnSkipped } from './testing.js';

for (const target of testTargets) {
  if (target.skip) warnSkipped(`migration tests on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`migrations on ${target.name}`, () => {
    let db: Kysely<Database>;
    let cleanup: () => Promise<void>;
    /** PostgreSQL: this run's schema; other runs' Kysely tables in other schemas must not count. */
    let schema: string | undefined;

    beforeAll(async () => {
      if (target.name === 'sqlite') {
        db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
        cleanup = () => db.destroy();
      } else {
        schema = freshSchemaName();
        const admin = new pg.Client({ connectionString: testDatabaseUrl });
        await admin.connect();
        await admin.query(`create schema ${schema}`);
        db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: testDatabaseUrl, options: `-c search_path=${schema}` }) }) });
        cleanup = async () => {
          await db.destroy();
          await admin.query(`drop schema if exists ${schema} cascade`);
          await admin.end();
        };
      }
    });
    afterAll(async () => {
      await cleanup?.();
    });

    it('upgrades 001 with data to the latest and backfills when open conversations were last seen', async () => {
      const only001 = new Migrator({ db, provider: { getMigrations: async () => ({ '001_init': m001 }) }, ...(schema ? { migrationTableSchema: schema } : {}) });
      expect((await only001.migrateToLatest()).error).toBeUndefined();
      const row = (id: string, state: string) =>
        sql`insert into conversations (id, token_hash, state, created_at) values (${id}, ${'h'}, ${state}, ${'2026-01-01T09:00:00.000Z'})`.execute(db);
      await row('waiting', 'queued');
      await row('done', 'closed');
      await sql`insert into advisors (id, email, name, role, password_hash, created_at) values (${'a1'}, ${'a@bank.test'}, ${'A'}, ${'admin'}, ${'h'}, ${'2026-01-01T09:00:00.000Z'})`.execute(db);

      const before = new Date().toISOString();
      expect(await migrateToLatest(db, schema)).toEqual(['002_customer_seen_at', '003_advisor_active', '004_advisor_display_name', '005_identity_actions', '006_csat', '007_insight', '008_retention', '009_content']);
      const seen = Object.fromEntries(
        (await db.selectFrom('conversations').select(['id', 'customer_seen_at']).execute()).map((r) => [r.id, r.customer_seen_at]),
      );
      expect(seen.waiting! >= before).toBe(true); // seen "now", not on 1 January
      expect(seen.done).toBeNull();
      expect(await db.selectFrom('advisors').select(['id', 'active']).execute()).toEqual([{ id: 'a1', active: 1 }]);
      expect(await migrateToLatest(db, schema)).toEqual([]);
    });

    it.runIf(target.name === 'sqlite')('reruns 002 and 003 on SQLite without harm (they are not run in a transaction there)', async () => {
      await expect(m002.up(db as unknown as Kysely<unknown>)).resolves.toBeUndefined();
      await expect(m003.up(db as unknown as Kysely<unknown>)).resolves.toBeUndefined();
    });
  });
}
