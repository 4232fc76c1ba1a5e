// The audit log: who logged in, who revealed an identity number and why, which actions were
// ordered and how their delivery went. Append-only — this module has no update or delete, and
// the database refuses them (triggers, migration 005).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export const auditActions = [
  'login',
  'login.failed',
  'logout',
  'identity.revealed',
  'action.requested',
  'action.delivered',
  'action.failed',
  'delivery.retried',
  'privacy.exported',
  'privacy.deleted',
] as const;
export type AuditAction = (typeof auditActions)[number];

export type Actor = { kind: 'customer'; id?: null } | { kind: 'advisor'; id: string } | { kind: 'system'; id?: null };

export interface AuditEntry {
  id: string;
  at: string;
  actor: { kind: Actor['kind']; id: string | null };
  action: AuditAction;
  conversationId: string | null;
  personHash: string | null;
  /** Never an identity number: order ids, action ids, delivery status. */
  detail: Record<string, unknown>;
  reason: string | null;
}

export interface AuditFilter {
  action?: AuditAction | undefined;
  actorId?: string | undefined;
  conversationId?: string | undefined;
  personHash?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Newest first; the page before this entry's (at, id). */
  before?: { at: string; id: string } | undefined;
  limit?: number | undefined;
}

export function auditLog(db: Kysely<Database>) {
  return {
    async append(
      entry: { actor: Actor; action: AuditAction; conversationId?: string | null; personHash?: string | null; detail?: Record<string, unknown>; reason?: string | null },
      at: Date,
    ): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          id: randomUUID(),
          at: at.toISOString(),
          actor_kind: entry.actor.kind,
          actor_id: entry.actor.id ?? null,
          action: entry.action,
          conversation_id: entry.conversationId ?? null,
          person_hash: entry.personHash ?? null,
          detail: JSON.stringify(entry.detail ?? {}),
          reason: entry.reason ?? null,
        })
        .execute();
    },

    async list(f: AuditFilter = {}): Promise<AuditEntry[]> {
      let q = db.selectFrom('audit_log').selectAll();
      if (f.action) q = q.where('action', '=', f.action);
      if (f.actorId) q = q.where('actor_id', '=', f.actorId);
      if (f.conversationId) q = q.where('conversation_id', '=', f.conversationId);
      if (f.personHash) q = q.where('person_hash', '=', f.personHash);
      if (f.from) q = q.where('at', '>=', f.from.toISOString());
      if (f.to) q = q.where('at', '<', f.to.toISOString());
      const before = f.before;
      if (before) q = q.where((eb) => eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])]));
      const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(Math.min(f.limit ?? 100, 500)).execute();
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        actor: { kind: r.actor_kind as Actor['kind'], id: r.actor_id },
        action: r.action as AuditAction,
        conversationId: r.conversation_id,
        personHash: r.person_hash,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
        reason: r.reason,
      }));
    },
  };
}
export type AuditLog = ReturnType<typeof auditLog>;
