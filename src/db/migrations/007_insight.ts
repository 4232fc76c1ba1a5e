import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

// The dashboard's rollups (src/insight/DESIGN.md): per Europe/Oslo calendar day ('YYYY-MM-DD')
// and language ('nn' | 'nb' | 'en' | 'und'), counts only. No customer's id, name or number, and
// no free text but the (already redacted) normalised text of unanswered questions. They outlive
// the conversations they count: retention deletes raw rows, never these.
//
// Every table's key starts with the day, so a period is one range scan of the key; on SQLite the
// tables are WITHOUT ROWID, stored in key order, so that scan reads the rows themselves (a year's
// dashboard went from about 670 to 400 ms on a million conversations; PostgreSQL has no such
// option and needs none as much).
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = !(await isPostgres(db));
  const clustered = <T extends string, C extends string>(b: CreateTableBuilder<T, C>) => (sqlite ? b.modifyEnd(sql`without rowid`) : b);
  // Which days are rolled up, from how many raw rows, and whether raw rows have gone since
  // (`sealed`: the day is never recomputed again, see src/insight/rollup.ts).
  await db.schema
    .createTable('insight_rollups')
    .ifNotExists()
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('rolled_at', 'text', (c) => c.notNull())
    .addColumn('conversations', 'integer', (c) => c.notNull())
    .addColumn('callbacks', 'integer', (c) => c.notNull())
    .addColumn('open_conversations', 'integer', (c) => c.notNull())
    .addColumn('sealed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // Conversations by the hour (0–23, Oslo) they began: totals, contained, abandoned, handed off,
  // callback requests left and done.
  await db.schema
    .createTable('insight_conversations')
    .ifNotExists()
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('conversations', 'integer', (c) => c.notNull())
    .addColumn('contained', 'integer', (c) => c.notNull())
    .addColumn('abandoned', 'integer', (c) => c.notNull())
    .addColumn('handed_off', 'integer', (c) => c.notNull())
    .addColumn('callbacks_left', 'integer', (c) => c.notNull())
    .addColumn('callbacks_done', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('insight_conversations_pk', ['day', 'language', 'hour'])
    .$call(clustered)
    .execute();

  await db.schema
    .createTable('insight_handoffs')
    .ifNotExists()
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('conversations', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('insight_handoffs_pk', ['day', 'language', 'reason'])
    .$call(clustered)
    .execute();

  // Questions the assistant had no answer to, grouped by a token-set key (src/insight/similar.ts).
  await db.schema
    .createTable('insight_unanswered')
    .ifNotExists()
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('question_key', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    /** One conversation it was asked in, for the console's link; it may since have been deleted. */
    .addColumn('example_conversation_id', 'text')
    .addPrimaryKeyConstraint('insight_unanswered_pk', ['day', 'language', 'question_key'])
    .$call(clustered)
    .execute();

  await db.schema
    .createTable('insight_answers')
    .ifNotExists()
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('topic_id', 'text', (c) => c.notNull())
    .addColumn('yes_votes', 'integer', (c) => c.notNull())
    .addColumn('no_votes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('insight_answers_pk', ['day', 'language', 'topic_id'])
    .$call(clustered)
    .execute();

  // Histograms: `bucket` is the lower edge in seconds (src/insight/histogram.ts), `n` how many.
  await db.schema
    .createTable('insight_waits')
    .ifNotExists()
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('bucket', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('insight_waits_pk', ['day', 'language', 'bucket'])
    .$call(clustered)
    .execute();

  // Per advisor (staff, whose accounts are never deleted): conversations handled, by handling time.
  await db.schema
    .createTable('insight_handling')
    .ifNotExists()
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('advisor_id', 'text', (c) => c.notNull())
    .addColumn('bucket', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('insight_handling_pk', ['day', 'language', 'advisor_id', 'bucket'])
    .$call(clustered)
    .execute();

  await db.schema
    .createTable('insight_csat')
    .ifNotExists()
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('insight_csat_pk', ['day', 'language', 'score'])
    .$call(clustered)
    .execute();

  // Rolling up a day reads the conversations begun on it; so do the dashboard's CSAT comments.
  await db.schema.createIndex('conversations_created').ifNotExists().on('conversations').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('conversations_created').ifExists().execute();
  for (const table of ['insight_csat', 'insight_handling', 'insight_waits', 'insight_answers', 'insight_unanswered', 'insight_handoffs', 'insight_conversations', 'insight_rollups']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
