import type { Kysely } from 'kysely';

// Advisor accounts can be deactivated (by an admin) instead of deleted: their name stays on the
// conversations and notes they handled, and they can be reactivated. Existing accounts stay active.
export async function up(db: Kysely<unknown>): Promise<void> {
  try {
    // NOT NULL with a constant default: an ALTER both SQLite and PostgreSQL do in place.
    await db.schema
      .alterTable('advisors')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  } catch (e) {
    // SQLite runs migrations outside a transaction; a rerun after a crash carries on (see 002).
    if (!/duplicate column name/i.test((e as Error).message)) throw e;
  }
  // "Who is an active admin?" — asked before every change that could leave none.
  await db.schema.createIndex('advisors_role_active').ifNotExists().on('advisors').columns(['role', 'active']).execute();
  // "End this advisor's sessions" on deactivation and password reset.
  await db.schema.createIndex('sessions_advisor').ifNotExists().on('sessions').column('advisor_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_advisor').ifExists().execute();
  await db.schema.dropIndex('advisors_role_active').ifExists().execute();
  await db.schema.alterTable('advisors').dropColumn('active').execute();
}
