// SQL for advisor accounts and their sessions.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AdvisorsTable, Database } from '../../db/schema.js';

export const roles = ['advisor', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface Advisor {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

const toAdvisor = (r: Selectable<AdvisorsTable>): Advisor => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role as Role,
  createdAt: r.created_at,
});

export function advisorRepository(db: Kysely<Database>) {
  return {
    async create(a: Advisor, passwordHash: string): Promise<void> {
      await db
        .insertInto('advisors')
        .values({ id: a.id, email: a.email.toLowerCase(), name: a.name, role: a.role, password_hash: passwordHash, created_at: a.createdAt })
        .execute();
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

export function sessionRepository(db: Kysely<Database>) {
  return {
    async create(idHash: string, advisorId: string, createdAt: Date, expiresAt: Date): Promise<void> {
      await db
        .insertInto('sessions')
        .values({ id: idHash, advisor_id: advisorId, created_at: createdAt.toISOString(), expires_at: expiresAt.toISOString() })
        .execute();
    },

    /** The advisor behind an unexpired session, or null. */
    async advisor(idHash: string, now: Date): Promise<Advisor | null> {
      const r = await db
        .selectFrom('sessions')
        .innerJoin('advisors', 'advisors.id', 'sessions.advisor_id')
        .selectAll('advisors')
        .where('sessions.id', '=', idHash)
        .where('sessions.expires_at', '>', now.toISOString())
        .executeTakeFirst();
      return r ? toAdvisor(r) : null;
    },

    async delete(idHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', idHash).execute();
    },

    async deleteExpired(now: Date): Promise<void> {
      await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
    },

    /** Advisors with a live session: the staff the wait estimate divides by. */
    async activeAdvisors(now: Date): Promise<number> {
      const r = await db
        .selectFrom('sessions')
        .select(sql<number>`cast(count(distinct advisor_id) as integer)`.as('n'))
        .where('expires_at', '>', now.toISOString())
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
export type SessionRepository = ReturnType<typeof sessionRepository>;
