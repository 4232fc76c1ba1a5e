import { sql, type Kysely } from 'kysely';

// When the customer was last seen (a message, a poll, an open WebSocket), so conversations whose
// customer has gone can be closed by the sweeper (src/chat/abandon.ts) — a deadline kept in the
// database, not in a timer, so a restart forgets nobody.
export async function up(db: Kysely<unknown>): Promise<void> {
  try {
    // Nullable text with no default: an ALTER both SQLite and PostgreSQL do in place.
    await db.schema.alterTable('conversations').addColumn('customer_seen_at', 'text').execute();
  } catch (e) {
    // SQLite runs migrations outside a transaction: a crash after this statement and before the
    // Migrator recorded the migration leaves the column behind, and a rerun carries on from here.
    // (PostgreSQL runs the whole migration in one transaction, so it never gets here half done.)
    if (!/duplicate column name/i.test((e as Error).message)) throw e;
  }
  // Conversations open at the upgrade count as seen now: each gets a full grace period instead of
  // being swept at the first tick. The wall clock is right here; this is a one-off, not the domain.
  await sql`update conversations set customer_seen_at = ${new Date().toISOString()} where customer_seen_at is null and state <> 'closed'`.execute(db);
  // The sweeper's question: "which queued (or bot) conversations were last seen before T?"
  await db.schema.createIndex('conversations_state_seen').ifNotExists().on('conversations').columns(['state', 'customer_seen_at']).execute();
  // …and "has this conversation an open callback request?", which keeps it from being swept.
  await db.schema.createIndex('callback_requests_conversation').ifNotExists().on('callback_requests').column('conversation_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('callback_requests_conversation').ifExists().execute();
  await db.schema.dropIndex('conversations_state_seen').ifExists().execute();
  await db.schema.alterTable('conversations').dropColumn('customer_seen_at').execute();
}
