// SQL for advisor accounts and their sessions.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AdvisorsTable, Database } from '../../db/schema.js';
import { compileOnce } from '../../db/statements.js';
import type { DirectSqlite } from '../../db/connect.js';

/**
 * advisor: works conversations; admin: that, and manages accounts; analyst: reads the dashboard; editor: changes the content (drafts, review)
 * (src/insight) and nothing else — no queue, transcripts, claims, messages or accounts.
 */
export const roles = ['advisor', 'admin', 'analyst', 'editor'] as const;
export type Role = (typeof roles)[number];

export interface Advisor {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** False once an admin has deactivated the account: it cannot log in, and has no sessions. */
  active: boolean;
  /** The name customers see ("Kari"); null or absent: they see `name`. */
  displayName?: string | null;
  createdAt: string;
}

/** The name a customer sees for this advisor. */
export const shownName = (a: Pick<Advisor, 'name' | 'displayName'>): string => a.displayName ?? a.name;

/** What an admin may change about an account (the e-mail is the login and stays). */
export interface AdvisorChange {
  name?: string | undefined;
  /** null clears it: customers see the account's name again. */
  displayName?: string | null | undefined;
  role?: Role | undefined;
  active?: boolean | undefined;
}

export type AdvisorUpdate =
  | { outcome: 'updated'; before: Advisor; advisor: Advisor }
  | { outcome: 'not-found' }
  /** The change would leave the bank without an active admin; nothing was written. */
  | { outcome: 'last-admin' };

const toAdvisor = (r: Selectable<AdvisorsTable>): Advisor => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role as Role,
  active: Number(r.active) === 1,
  displayName: r.display_name ?? null,
  createdAt: r.created_at,
});

const isActiveAdmin = (a: Pick<Advisor, 'role' | 'active'>) => a.role === 'admin' && a.active;

export function advisorRepository(db: Kysely<Database>) {
  return {
    async create(a: Advisor, passwordHash: string): Promise<void> {
      await db
        .insertInto('advisors')
        .values({
          id: a.id,
          email: a.email.toLowerCase(),
          name: a.name,
          role: a.role,
          password_hash: passwordHash,
          created_at: a.createdAt,
          active: a.active ? 1 : 0,
          display_name: a.displayName ?? null,
        })
        .execute();
    },

    /**
     * Changes name, role or active in one transaction, unless the change would leave no active
     * admin. Deactivating deletes the account's sessions in the same transaction.
     */
    async update(id: string, change: AdvisorChange): Promise<AdvisorUpdate> {
      return db.transaction().execute(async (trx): Promise<AdvisorUpdate> => {
        // Lock the active admins' rows first (PostgreSQL): two admins demoting each other at once
        // take turns, and the second counts after the first has committed. SQLite runs one write
        // transaction at a time anyway.
        await trx
          .updateTable('advisors')
          .set((eb) => ({ role: eb.ref('role') }))
          .where('role', '=', 'admin')
          .where('active', '=', 1)
          .execute();
        const row = await trx.selectFrom('advisors').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) return { outcome: 'not-found' };
        const before = toAdvisor(row);
        const advisor: Advisor = {
          ...before,
          ...(change.name !== undefined ? { name: change.name } : {}),
          ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
          ...(change.role !== undefined ? { role: change.role } : {}),
          ...(change.active !== undefined ? { active: change.active } : {}),
        };
        if (isActiveAdmin(before) && !isActiveAdmin(advisor)) {
          const others = await trx
            .selectFrom('advisors')
            .select(sql<number>`cast(count(*) as integer)`.as('n'))
            .where('role', '=', 'admin')
            .where('active', '=', 1)
            .where('id', '<>', id)
            .executeTakeFirstOrThrow();
          if (Number(others.n) === 0) return { outcome: 'last-admin' };
        }
        await trx
          .updateTable('advisors')
          .set({ name: advisor.name, display_name: advisor.displayName ?? null, role: advisor.role, active: advisor.active ? 1 : 0 })
          .where('id', '=', id)
          .execute();
        if (before.active && !advisor.active) await trx.deleteFrom('sessions').where('advisor_id', '=', id).execute();
        return { outcome: 'updated', before, advisor };
      });
    },

    /**
     * A new password hash; the account's sessions end, except `keepSession` (the admin's own,
     * when they set their own password). False when there is no such account.
     */
    async setPassword(id: string, passwordHash: string, keepSession?: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx.updateTable('advisors').set({ password_hash: passwordHash }).where('id', '=', id).executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) return false;
        let ended = trx.deleteFrom('sessions').where('advisor_id', '=', id);
        if (keepSession !== undefined) ended = ended.where('id', '<>', keepSession);
        await ended.execute();
        return true;
      });
    },

    async byEmail(email: string): Promise<{ advisor: Advisor; passwordHash: string } | null> {
      const r = await db.selectFrom('advisors').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
      return r ? { advisor: toAdvisor(r), passwordHash: r.password_hash } : null;
    },

    async byId(id: string): Promise<Advisor | null> {
      const r = await db.selectFrom('advisors').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toAdvisor(r) : null;
    },

    async list(): Promise<Advisor[]> {
      return (await db.selectFrom('advisors').selectAll().orderBy('created_at').execute()).map(toAdvisor);
    },

    async count(): Promise<number> {
      const r = await db.selectFrom('advisors').select(sql<number>`cast(count(*) as integer)`.as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
export type AdvisorRepository = ReturnType<typeof advisorRepository>;

export function sessionRepository(db: Kysely<Database>, direct?: DirectSqlite) {
  // Every advisor request asks this: compiled once (src/db/statements.ts).
  const advisorBySession = compileOnce(db, 2, (idHash, now) =>
    db
      .selectFrom('sessions')
      .innerJoin('advisors', 'advisors.id', 'sessions.advisor_id')
      .selectAll('advisors')
      .where('sessions.id', '=', idHash)
      .where('sessions.expires_at', '>', now)
      .where('advisors.active', '=', 1),
    direct,
  );
  return {
    async create(idHash: string, advisorId: string, createdAt: Date, expiresAt: Date): Promise<void> {
      await db
        .insertInto('sessions')
        .values({ id: idHash, advisor_id: advisorId, created_at: createdAt.toISOString(), expires_at: expiresAt.toISOString() })
        .execute();
    },

    /** The active advisor behind an unexpired session, or null. */
    async advisor(idHash: string, now: Date): Promise<Advisor | null> {
      const [r] = await advisorBySession(idHash, now.toISOString());
      return r ? toAdvisor(r) : null;
    },

    async delete(idHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', idHash).execute();
    },

    async deleteExpired(now: Date): Promise<void> {
      await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
    },

    /** Advisors with a live session: the staff the wait estimate divides by (analysts answer nobody). */
    async activeAdvisors(now: Date): Promise<number> {
      const r = await db
        .selectFrom('sessions')
        .innerJoin('advisors', 'advisors.id', 'sessions.advisor_id')
        .select(sql<number>`cast(count(distinct sessions.advisor_id) as integer)`.as('n'))
        .where('sessions.expires_at', '>', now.toISOString())
        .where('advisors.role', 'in', ['advisor', 'admin'])
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
export type SessionRepository = ReturnType<typeof sessionRepository>;
