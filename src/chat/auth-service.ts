// Advisor sessions: login, the session behind a cookie, the first admin. Accounts are managed by
// admins in admin-service.ts.
import { randomUUID } from 'node:crypto';
import { AppError } from './errors.js';
import { isUniqueViolation } from '../db/connect.js';
import { generatePassword, hashPassword, verifyPassword } from './passwords.js';
import type { Advisor } from './repositories/advisors.js';
import type { Repositories } from './repositories/index.js';
import { hashToken, newToken } from './tokens.js';

/** How long a login lasts: one working day. */
export const SESSION_HOURS = 10;

export interface AuthContext {
  repos: Repositories;
  now: () => Date;
}

export function authService({ repos, now }: AuthContext) {
  // Verifying against this when the e-mail is unknown keeps both answers equally slow.
  let dummyHash: Promise<string> | null = null;

  return {
    async login(email: string, password: string): Promise<{ sessionId: string; advisor: Advisor; expiresAt: Date }> {
      const found = await repos.advisors.byEmail(email);
      dummyHash ??= hashPassword(generatePassword());
      const ok = await verifyPassword(found?.passwordHash ?? (await dummyHash), password);
      if (!found || !ok) throw new AppError('ERR_BAD_CREDENTIALS', 'wrong e-mail or password');
      // Said only to someone who knows the password: they should ask an admin, not retry.
      if (!found.advisor.active) throw new AppError('ERR_FORBIDDEN', 'this account has been deactivated; an admin can reactivate it');
      const sessionId = newToken();
      const at = now();
      const expiresAt = new Date(at.getTime() + SESSION_HOURS * 3600_000);
      await repos.sessions.deleteExpired(at);
      await repos.sessions.create(hashToken(sessionId), found.advisor.id, at, expiresAt);
      return { sessionId, advisor: found.advisor, expiresAt };
    },

    async authenticate(sessionId: string | undefined): Promise<Advisor> {
      const advisor = sessionId ? await repos.sessions.advisor(hashToken(sessionId), now()) : null;
      if (!advisor) throw new AppError('ERR_UNAUTHORIZED', 'log in first: POST /api/advisor/login');
      return advisor;
    },

    async logout(sessionId: string | undefined): Promise<void> {
      if (sessionId) await repos.sessions.delete(hashToken(sessionId));
    },

    /**
     * On first start (no advisors yet) creates the admin from ADMIN_EMAIL and ADMIN_PASSWORD, or
     * with a generated password, returned so the caller can show it once. Returns what it
     * created, if anything.
     */
    async ensureFirstAdmin(config: { email?: string | undefined; password?: string | undefined }): Promise<FirstAdmin | null> {
      if ((await repos.advisors.count()) > 0) return null;
      const email = (config.email ?? 'admin@localhost').toLowerCase();
      const password = config.password ?? generatePassword();
      const advisor: Advisor = { id: randomUUID(), email, name: 'Admin', role: 'admin', active: true, createdAt: now().toISOString() };
      try {
        await repos.advisors.create(advisor, await hashPassword(password));
      } catch (e) {
        if (isUniqueViolation(e)) return null; // another instance created it first
        throw e;
      }
      return { advisor, generatedPassword: config.password ? undefined : password };
    },
  };
}
export interface FirstAdmin {
  advisor: Advisor;
  /** Set when no ADMIN_PASSWORD was given: shown once, never stored in clear but in the owner-only file. */
  generatedPassword: string | undefined;
}
export type AuthService = ReturnType<typeof authService>;
