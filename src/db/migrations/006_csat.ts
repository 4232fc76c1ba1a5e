import type { Kysely } from 'kysely';

// Satisfaction after a conversation with an advisor: "Kor nøgd var du?" 1–5, once, with an
// optional comment (free text: redacted like everything else).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('csat')
    .ifNotExists()
    .addColumn('conversation_id', 'text', (c) => c.primaryKey().references('conversations.id'))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('csat_created').ifNotExists().on('csat').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('csat').ifExists().execute();
}
