// Advisor accounts, managed by admins: the list, a new account, name and role, deactivate and
// reactivate, a new password. The rules: only admins manage accounts; the bank always keeps an
// active admin; a deactivated account loses its sessions and sockets at once, and the customers it
// was talking to go back to the queue.
import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../db/connect.js';
import { AppError } from './errors.js';
import type { EventBus } from './events.js';
import { hashPassword } from './passwords.js';
import type { Advisor, AdvisorChange, Role } from './repositories/advisors.js';
import type { Repositories } from './repositories/index.js';
import { hashToken } from './tokens.js';

export interface AdminContext {
  repos: Repositories;
  bus: EventBus;
  now: () => Date;
  /** Sends an advisor's open conversations back to the queue (advisor-service's releaseAll). */
  release: (advisorId: string) => Promise<unknown>;
}

export interface NewAdvisor {
  email: string;
  name: string;
  /** The name customers see; absent: `name`. */
  displayName?: string | undefined;
  role: Role;
  password: string;
}

function assertAdmin(by: Advisor): void {
  if (by.role !== 'admin') throw new AppError('ERR_FORBIDDEN', 'only an admin can manage advisor accounts');
}

export function adminService(ctx: AdminContext) {
  const { repos } = ctx;

  return {
    async list(by: Advisor): Promise<Advisor[]> {
      assertAdmin(by);
      return repos.advisors.list();
    },

    async create(by: Advisor, input: NewAdvisor): Promise<Advisor> {
      assertAdmin(by);
      const advisor: Advisor = {
        id: randomUUID(),
        email: input.email.toLowerCase(),
        name: input.name,
        displayName: input.displayName ?? null,
        role: input.role,
        active: true,
        createdAt: ctx.now().toISOString(),
      };
      try {
        await repos.advisors.create(advisor, await hashPassword(input.password));
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppError('ERR_EMAIL_TAKEN', `an advisor with e-mail ${advisor.email} exists already`);
        throw e;
      }
      return advisor;
    },

    /** Name, role, active. Deactivating ends the account's sessions and sockets and releases its conversations. */
    async update(by: Advisor, id: string, change: AdvisorChange): Promise<Advisor> {
      assertAdmin(by);
      const r = await repos.advisors.update(id, change);
      if (r.outcome === 'not-found') throw new AppError('ERR_NOT_FOUND', `advisor ${id} does not exist`);
      if (r.outcome === 'last-admin') {
        throw new AppError(
          'ERR_FORBIDDEN',
          `${id === by.id ? 'you are' : 'this is'} the last active admin; make another account admin first, so someone can still manage accounts`,
        );
      }
      if (r.before.active && !r.advisor.active) {
        await ctx.bus.publish({ type: 'advisor.signed_out', advisorId: id });
        await ctx.release(id);
      }
      return r.advisor;
    },

    /**
     * Sets a new password (argon2). The account's sessions end, so a leaked password stops working
     * everywhere; an admin setting their own keeps the session they are using (`currentSession`).
     */
    async setPassword(by: Advisor, id: string, password: string, currentSession?: string): Promise<void> {
      assertAdmin(by);
      const keep = id === by.id && currentSession ? hashToken(currentSession) : undefined;
      if (!(await repos.advisors.setPassword(id, await hashPassword(password), keep))) {
        throw new AppError('ERR_NOT_FOUND', `advisor ${id} does not exist`);
      }
      // Another advisor's sockets were opened with sessions that are gone now.
      if (id !== by.id) await ctx.bus.publish({ type: 'advisor.signed_out', advisorId: id });
    },
  };
}
export type AdminService = ReturnType<typeof adminService>;
