// One redaction policy where text enters storage: a Kysely plugin that passes every free-text
// column of every insert and update through the redactor, whoever wrote the text (customer,
// advisor, admin) and whichever code path writes it. NUL characters go too: PostgreSQL refuses
// them in text, SQLite would keep them, and the two databases must store the same.
import {
  OperationNodeTransformer,
  PrimitiveValueListNode,
  ValueNode,
  type ColumnNode,
  type ColumnUpdateNode,
  type InsertQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type UpdateQueryNode,
  type ValueListNode,
} from 'kysely';
import { redact } from '../engine/privacy/redact.js';
import type { Database } from './schema.js';

type Columns<T> = { [K in keyof T]: readonly (keyof T[K] & string)[] };

/** Text that people write: redacted on the way in. */
export const FREE_TEXT: Columns<Database> = {
  conversations: ['outcome'],
  messages: ['text'],
  notes: ['text'],
  advisors: ['name', 'display_name'],
  sessions: [],
  callback_requests: ['name', 'phone', 'email', 'message'],
  feedback: [],
  login_attempts: [],
  customer_identities: ['name'],
  action_orders: [],
  outbox: ['last_error'],
  audit_log: ['reason'],
  csat: ['comment'],
  insight_rollups: [],
  insight_conversations: [],
  insight_handoffs: [],
  // derived from customers' (already redacted) messages: through the redactor again on the way in
  insight_unanswered: ['question_key', 'text'],
  insight_answers: [],
  insight_waits: [],
  insight_handling: [],
  insight_csat: [],
  // what editors write about a change; the body is the bank's content (below)
  content_versions: ['summary', 'review_comment', 'override_reason'],
};

/**
 * Every other text column, and why it is not free text. A test holds the two lists to the live
 * schema, so a new column must be placed in one of them.
 */
export const NOT_FREE_TEXT: Columns<Database> = {
  // ids, hashes, states from fixed sets, topic ids, JSON of error codes, timestamps
  conversations: ['id', 'token_hash', 'state', 'topic', 'error_codes', 'advisor_id', 'created_at', 'queued_at', 'claimed_at', 'closed_at', 'customer_seen_at'],
  // author and kind are fixed sets; meta is JSON of topic ids, options and flags the code sets
  messages: ['id', 'conversation_id', 'author', 'kind', 'client_message_id', 'meta', 'created_at'],
  notes: ['id', 'conversation_id', 'advisor_id', 'created_at'],
  // the e-mail is the login key (validated as an address); the hash is scrypt output
  advisors: ['id', 'email', 'role', 'password_hash', 'created_at'],
  sessions: ['id', 'advisor_id', 'created_at', 'expires_at'],
  callback_requests: ['id', 'conversation_id', 'created_at', 'handled_at', 'handled_by'],
  feedback: ['conversation_id', 'created_at'],
  // the verifier and nonce are random values we made; return_to is a checked URL of our own pages
  login_attempts: ['id', 'conversation_id', 'code_verifier', 'nonce', 'return_to', 'created_at', 'used_at'],
  // national_id is ciphertext and person_hash a keyed hash: neither is readable text
  customer_identities: ['id', 'conversation_id', 'person_hash', 'national_id', 'acr', 'amr', 'issuer', 'verified_at', 'last_active_at', 'ended_at', 'ended_reason'],
  // fields is JSON the service built from the customer-data system, not typed by anyone
  action_orders: ['id', 'conversation_id', 'identity_id', 'person_hash', 'action_id', 'fields', 'requested_by', 'state', 'created_at', 'settled_at'],
  outbox: ['id', 'order_id', 'target', 'state', 'next_attempt_at', 'lease_until', 'created_at', 'delivered_at'],
  audit_log: ['id', 'at', 'actor_kind', 'actor_id', 'action', 'conversation_id', 'person_hash', 'detail'],
  csat: ['conversation_id', 'created_at'],
  // the dashboard's rollups: days, language codes, reasons and topic ids from fixed sets, ids, timestamps
  insight_rollups: ['day', 'rolled_at'],
  insight_conversations: ['day', 'language'],
  insight_handoffs: ['day', 'language', 'reason'],
  insight_unanswered: ['day', 'language', 'example_conversation_id'],
  insight_answers: ['day', 'language', 'topic_id'],
  insight_waits: ['day', 'language'],
  insight_handling: ['day', 'language', 'advisor_id'],
  insight_csat: ['day', 'language'],
  // The body is the bank's content pack, kept byte for byte (export and import): the redactor would
  // take words like "code-chip-blank" for codes. Editors' fields are redacted before the body is
  // made (src/content/workflow.ts); a file imported from a folder is the bank's own.
  content_versions: ['id', 'path', 'body', 'state', 'author_id', 'created_at', 'updated_at', 'reviewer_id', 'reviewed_at', 'quality'],
};

export const withoutNul = (text: string): string => (text.includes('\u0000') ? text.replaceAll('\u0000', '') : text);

/** What the storage keeps of one free-text value. */
export const storedText = (value: unknown): unknown => (typeof value === 'string' ? redact(withoutNul(value)).text : value);

const columnName = (node: OperationNode): string | undefined =>
  node.kind === 'ColumnNode' ? (node as ColumnNode).column.name : node.kind === 'ReferenceNode' ? columnName((node as unknown as { column: OperationNode }).column) : undefined;

const tableName = (node: OperationNode | undefined): string | undefined => {
  if (!node) return undefined;
  if (node.kind === 'TableNode') return (node as unknown as { table: { identifier: { name: string } } }).table.identifier.name;
  if (node.kind === 'AliasNode') return tableName((node as unknown as { node: OperationNode }).node);
  return undefined;
};

class RedactingTransformer extends OperationNodeTransformer {
  /** The free-text columns of the insert being transformed, by position. */
  private insertColumns: (boolean | undefined)[] = [];

  protected override transformInsertQuery(node: InsertQueryNode): InsertQueryNode {
    const free = new Set<string>(FREE_TEXT[tableName(node.into) as keyof Database] ?? []);
    const previous = this.insertColumns;
    this.insertColumns = (node.columns ?? []).map((c) => free.has(c.column.name));
    try {
      return super.transformInsertQuery(node);
    } finally {
      this.insertColumns = previous;
    }
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    if (!this.insertColumns.some(Boolean)) return node;
    return PrimitiveValueListNode.create(node.values.map((v, i) => (this.insertColumns[i] ? storedText(v) : v)));
  }

  protected override transformValueList(node: ValueListNode): ValueListNode {
    if (!this.insertColumns.some(Boolean)) return super.transformValueList(node);
    return { ...node, values: node.values.map((v, i) => (this.insertColumns[i] && v.kind === 'ValueNode' ? redactValue(v as ValueNode) : this.transformNode(v))) };
  }

  protected override transformUpdateQuery(node: UpdateQueryNode): UpdateQueryNode {
    const free = new Set<string>(FREE_TEXT[tableName(node.table) as keyof Database] ?? []);
    if (free.size === 0 || !node.updates) return super.transformUpdateQuery(node);
    const updates = node.updates.map((u): ColumnUpdateNode => {
      const name = columnName(u.column);
      return name && free.has(name) && u.value.kind === 'ValueNode' ? { ...u, value: redactValue(u.value as ValueNode) } : u;
    });
    return super.transformUpdateQuery({ ...node, updates });
  }
}

function redactValue(node: ValueNode): ValueNode {
  const value = storedText(node.value);
  return value === node.value ? node : node.immediate ? ValueNode.createImmediate(value) : ValueNode.create(value);
}

const READ_OR_DELETE = new Set<OperationNode['kind']>(['SelectQueryNode', 'DeleteQueryNode']);

export class RedactionPlugin implements KyselyPlugin {
  private readonly transformer = new RedactingTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    // A select or a delete writes no text (unless a WITH clause inserts or updates): passed as it
    // is, not copied node by node, since most queries are reads.
    if (READ_OR_DELETE.has(args.node.kind) && !(args.node as { with?: unknown }).with) return args.node;
    return this.transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
