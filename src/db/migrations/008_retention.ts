import type { Kysely } from 'kysely';

// The retention sweep asks each minute "which closed conversations closed before T?": an index,
// so the question stays cheap with a year of conversations.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('conversations_closed').ifNotExists().on('conversations').columns(['state', 'closed_at']).execute();
  await db.schema.createIndex('callback_requests_handled').ifNotExists().on('callback_requests').column('handled_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('callback_requests_handled').ifExists().execute();
  await db.schema.dropIndex('conversations_closed').ifExists().execute();
}
