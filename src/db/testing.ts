// Test helpers: the databases a suite runs against. SQLite always; PostgreSQL when
// TEST_DATABASE_URL is set, each run in a fresh schema that is dropped afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type DialectName } from './connect.js';

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
export const testRedisUrl = process.env.TEST_REDIS_URL || undefined;

export interface TestTarget {
  name: DialectName;
  /** Skipped, with a warning saying so, when its service is not configured. */
  skip: boolean;
}

export const testTargets: TestTarget[] = [
  { name: 'sqlite', skip: false },
  { name: 'postgres', skip: testDatabaseUrl === undefined },
];

export function warnSkipped(what: string, variable: string): void {
  console.warn(`SKIPPED: ${what} — ${variable} is not set, so these tests did not run.`);
}

export function freshSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

export interface TestDatabaseLocation {
  dataDir: string;
  databaseUrl?: string;
  pgSchema?: string;
  /** Removes the folder or drops the schema. */
  cleanup(): Promise<void>;
}

/** A place for a test database of the given kind, empty. */
export function testDatabaseLocation(name: DialectName): TestDatabaseLocation {
  const dataDir = mkdtempSync(join(tmpdir(), 'kundesenter-test-'));
  if (name === 'sqlite') return { dataDir, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const url = testDatabaseUrl;
  const pgSchema = freshSchemaName();
  return {
    dataDir,
    databaseUrl: url,
    pgSchema,
    cleanup: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${pgSchema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function openTestDatabase(name: DialectName): Promise<DatabaseHandle & { cleanup(): Promise<void> }> {
  const where = testDatabaseLocation(name);
  const handle = await openDatabase({ url: where.databaseUrl, dataDir: where.dataDir, pgSchema: where.pgSchema });
  return {
    ...handle,
    cleanup: async () => {
      await handle.close();
      await where.cleanup();
    },
  };
}
