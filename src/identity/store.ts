// SQL for logging in: the attempts a callback is checked against, and the identities conversations
// are logged in as. The identity number only ever arrives here encrypted (keys.ts).
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CustomerIdentitiesTable, Database } from '../db/schema.js';

export const hashState = (state: string): string => createHash('sha256').update(state).digest('hex');

export interface LoginAttempt {
  conversationId: string;
  codeVerifier: string;
  nonce: string;
  returnTo: string;
  createdAt: Date;
  usedAt: Date | null;
}

export interface StoredIdentity {
  id: string;
  conversationId: string;
  personHash: string;
  /** Ciphertext: decrypt with the identity cipher. */
  nationalId: string;
  name: string;
  acr: string;
  amr: string[] | null;
  issuer: string;
  verifiedAt: Date;
  lastActiveAt: Date;
  endedAt: Date | null;
  endedReason: string | null;
}

const toIdentity = (r: Selectable<CustomerIdentitiesTable>): StoredIdentity => ({
  id: r.id,
  conversationId: r.conversation_id,
  personHash: r.person_hash,
  nationalId: r.national_id,
  name: r.name,
  acr: r.acr,
  amr: r.amr ? (JSON.parse(r.amr) as string[]) : null,
  issuer: r.issuer,
  verifiedAt: new Date(r.verified_at),
  lastActiveAt: new Date(r.last_active_at),
  endedAt: r.ended_at ? new Date(r.ended_at) : null,
  endedReason: r.ended_reason,
});

export function identityStore(db: Kysely<Database>) {
  return {
    async addAttempt(state: string, a: Omit<LoginAttempt, 'usedAt'>): Promise<void> {
      await db
        .insertInto('login_attempts')
        .values({ id: hashState(state), conversation_id: a.conversationId, code_verifier: a.codeVerifier, nonce: a.nonce, return_to: a.returnTo, created_at: a.createdAt.toISOString(), used_at: null })
        .execute();
    },

    async attempt(state: string): Promise<LoginAttempt | null> {
      const r = await db.selectFrom('login_attempts').selectAll().where('id', '=', hashState(state)).executeTakeFirst();
      return r ? { conversationId: r.conversation_id, codeVerifier: r.code_verifier, nonce: r.nonce, returnTo: r.return_to, createdAt: new Date(r.created_at), usedAt: r.used_at ? new Date(r.used_at) : null } : null;
    },

    /** Marks the attempt used; false when it already was (a replayed callback), on any instance. */
    async useAttempt(state: string, at: Date): Promise<boolean> {
      const r = await db.updateTable('login_attempts').set({ used_at: at.toISOString() }).where('id', '=', hashState(state)).where('used_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Attempts older than `before` are of no use; their verifiers go. */
    async pruneAttempts(before: Date): Promise<number> {
      const r = await db.deleteFrom('login_attempts').where('created_at', '<', before.toISOString()).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    /** The conversation's new identity; an earlier one still open ends as replaced, in the same transaction. */
    async addIdentity(i: Omit<StoredIdentity, 'id' | 'endedAt' | 'endedReason' | 'lastActiveAt'>): Promise<StoredIdentity> {
      return db.transaction().execute(async (trx) => {
        await trx
          .updateTable('customer_identities')
          .set({ ended_at: i.verifiedAt.toISOString(), ended_reason: 'replaced' })
          .where('conversation_id', '=', i.conversationId)
          .where('ended_at', 'is', null)
          .execute();
        const r = await trx
          .insertInto('customer_identities')
          .values({
            id: randomUUID(),
            conversation_id: i.conversationId,
            person_hash: i.personHash,
            national_id: i.nationalId,
            name: i.name,
            acr: i.acr,
            amr: i.amr ? JSON.stringify(i.amr) : null,
            issuer: i.issuer,
            verified_at: i.verifiedAt.toISOString(),
            last_active_at: i.verifiedAt.toISOString(),
            ended_at: null,
            ended_reason: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toIdentity(r);
      });
    },

    /** The conversation's latest identity, ended or not; null if it never logged in. */
    async latest(conversationId: string): Promise<StoredIdentity | null> {
      const r = await db.selectFrom('customer_identities').selectAll().where('conversation_id', '=', conversationId).orderBy('verified_at', 'desc').orderBy('id').limit(1).executeTakeFirst();
      return r ? toIdentity(r) : null;
    },

    async byId(id: string): Promise<StoredIdentity | null> {
      const r = await db.selectFrom('customer_identities').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toIdentity(r) : null;
    },

    /** Which of these conversations have an identity that has not ended (for the queue). */
    async identified(conversationIds: readonly string[]): Promise<Set<string>> {
      if (conversationIds.length === 0) return new Set();
      const rows = await db.selectFrom('customer_identities').select('conversation_id').where('conversation_id', 'in', conversationIds).where('ended_at', 'is', null).execute();
      return new Set(rows.map((r) => r.conversation_id));
    },

    async touch(identityId: string, at: Date): Promise<void> {
      await db.updateTable('customer_identities').set({ last_active_at: at.toISOString() }).where('id', '=', identityId).where('ended_at', 'is', null).execute();
    },

    async end(identityId: string, reason: string, at: Date): Promise<boolean> {
      const r = await db.updateTable('customer_identities').set({ ended_at: at.toISOString(), ended_reason: reason }).where('id', '=', identityId).where('ended_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Re-encrypts rows still under an older key (see keys.ts); returns how many. */
    async reencrypt(needsRotation: (stored: string) => boolean, rotate: (stored: string) => string, batch = 500): Promise<number> {
      let done = 0;
      let after = '';
      for (;;) {
        const rows = await db.selectFrom('customer_identities').select(['id', 'national_id']).where('id', '>', after).orderBy('id').limit(batch).execute();
        if (rows.length === 0) return done;
        for (const r of rows) {
          if (!needsRotation(r.national_id)) continue;
          await db.updateTable('customer_identities').set({ national_id: rotate(r.national_id) }).where('id', '=', r.id).where('national_id', '=', r.national_id).execute();
          done++;
        }
        after = rows.at(-1)!.id;
      }
    },
  };
}
export type IdentityStore = ReturnType<typeof identityStore>;
