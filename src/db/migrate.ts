// Numbered migrations, run at start. Kysely's Migrator records what ran and takes a lock, so two
// instances starting together run each migration once, and a rerun does nothing.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m001 from './migrations/001_init.js';
import * as m002 from './migrations/002_customer_seen_at.js';
import * as m003 from './migrations/003_advisor_active.js';
import * as m004 from './migrations/004_advisor_display_name.js';
import * as m005 from './migrations/005_identity_actions.js';
import * as m006 from './migrations/006_csat.js';
import * as m007 from './migrations/007_insight.js';
import * as m008 from './migrations/008_retention.js';
import * as m009 from './migrations/009_content.js';

/** In code rather than read from a folder, so it works the same under tsx, vitest and a bundle. */
const migrations: Record<string, Migration> = {
  '001_init': m001,
  '002_customer_seen_at': m002,
  '003_advisor_active': m003,
  '004_advisor_display_name': m004,
  '005_identity_actions': m005,
  '006_csat': m006,
  '007_insight': m007,
  '008_retention': m008,
  '009_content': m009,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * `schema`: PostgreSQL's schema for the migration tables. Without it Kysely looks for them in any
 * schema of the database, so a second installation (another schema, by search_path) would find
 * the first one's and skip its own migrations.
 */
export async function migrateToLatest<T>(db: Kysely<T>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
