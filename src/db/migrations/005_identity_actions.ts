import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

// Logged-in chat (BankID over OpenID Connect) and the self-service actions it opens:
// - login_attempts: one per "Logg inn med BankID", so a callback is checked against what we sent
//   (state, nonce, PKCE verifier) and used once, on any instance;
// - customer_identities: who a conversation is logged in as. The identity number only encrypted
//   (AES-GCM) and as a keyed hash to find a person's conversations and orders;
// - action_orders and outbox: an order is stored with its delivery in one transaction, and the
//   outbox carries it to the bank until the bank has acknowledged it;
// - audit_log: append-only; triggers refuse updates and deletes on both databases.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_attempts')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the state sent to the provider
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('customer_identities')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('person_hash', 'text', (c) => c.notNull())
    .addColumn('national_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('acr', 'text', (c) => c.notNull())
    .addColumn('amr', 'text')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text', (c) => c.notNull())
    .addColumn('last_active_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('ended_reason', 'text')
    .execute();
  await db.schema.createIndex('customer_identities_conversation').ifNotExists().on('customer_identities').columns(['conversation_id', 'verified_at']).execute();
  await db.schema.createIndex('customer_identities_person').ifNotExists().on('customer_identities').column('person_hash').execute();

  await db.schema
    .createTable('action_orders')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey()) // also the idempotency key the bank sees
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('identity_id', 'text', (c) => c.notNull().references('customer_identities.id'))
    .addColumn('person_hash', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('requested_by', 'text') // null: the customer; else the advisor's id
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('settled_at', 'text')
    .execute();
  await db.schema.createIndex('action_orders_conversation').ifNotExists().on('action_orders').column('conversation_id').execute();
  await db.schema.createIndex('action_orders_person').ifNotExists().on('action_orders').columns(['person_hash', 'action_id', 'created_at']).execute();

  await db.schema
    .createTable('outbox')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('action_orders.id'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // pending | delivered | dead
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due').ifNotExists().on('outbox').columns(['state', 'next_attempt_at']).execute();

  await db.schema
    .createTable('audit_log')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull()) // customer | advisor | system
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('person_hash', 'text')
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at').ifNotExists().on('audit_log').columns(['at', 'id']).execute();

  const postgres = await isPostgres(db);
  if (postgres) {
    await sql`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`drop trigger if exists audit_log_no_change on audit_log`.execute(db);
    await sql`create trigger audit_log_no_change before update or delete on audit_log for each row execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger if not exists audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger if not exists audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'outbox', 'action_orders', 'customer_identities', 'login_attempts']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
