import type { Kysely } from 'kysely';

// The name customers see ("Du snakkar med Kari"), apart from the account's name ("Kari Nordmann,
// kundesenteret Voss"). Null: the customer sees the account's name, as before.
export async function up(db: Kysely<unknown>): Promise<void> {
  try {
    await db.schema.alterTable('advisors').addColumn('display_name', 'text').execute();
  } catch (e) {
    // SQLite runs migrations outside a transaction; a rerun after a crash carries on (see 002).
    if (!/duplicate column name/i.test((e as Error).message)) throw e;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('advisors').dropColumn('display_name').execute();
}
