// The advisor's session, shared by the console and the insight page: who is logged in, logging in
// (with the service's refusals worded for the login form), and logging out.
import { ApiError, request } from '../http.js';
import type { Advisor } from '../types.js';

/** The advisor logged in, or null without a session. */
export async function readMe(base: string): Promise<Advisor | null> {
  try {
    return await request<Advisor>(base, '/api/advisor/me');
  } catch {
    return null;
  }
}

export async function requestLogin(base: string, email: string, password: string): Promise<Advisor> {
  return (await request<{ advisor: Advisor }>(base, '/api/advisor/login', { body: { email, password } })).advisor;
}

export async function requestLogout(base: string): Promise<void> {
  await request(base, '/api/advisor/logout', { method: 'POST' }).catch(() => undefined);
}

/** Why the login failed, as the form says it. */
export function loginProblem(e: unknown): string {
  if (e instanceof ApiError && (e.code === 'ERR_BAD_CREDENTIALS' || e.code === 'ERR_VALIDATION')) return 'Feil e-postadresse eller passord.';
  if (e instanceof ApiError && e.code === 'ERR_FORBIDDEN') return 'Kontoen din er deaktivert. Kontakt ein administrator.';
  if (e instanceof ApiError && e.code === 'ERR_RATE_LIMITED') return 'For mange forsøk. Vent eit minutt og prøv igjen.';
  return 'Fekk ikkje logga inn. Prøv igjen.';
}
