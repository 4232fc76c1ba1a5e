import { sql, type Kysely } from 'kysely';

/** Migrations take Kysely<unknown> and no dialect: ask the database. SQLite has no version(). */
export async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  try {
    await sql`select version()`.execute(db);
    return true;
  } catch {
    return false;
  }
}
