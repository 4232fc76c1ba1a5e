// The insight page's state: the session (who is logged in) and the figures for the query shown.
import { useEffect, useState } from 'preact/hooks';
import type { Advisor, Dashboard } from '../../types.js';
import { loginProblem, readMe, requestLogin, requestLogout } from '../session.js';
import { fetchDashboard, type InsightQuery } from './api.js';

export interface Session {
  me: Advisor | null;
  checking: boolean;
  loginError: string | null;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** The service no longer knows the session: back to the login, saying why. */
  signedOut(why: string): void;
}

export function useSession(base: string): Session {
  const [me, setMe] = useState<Advisor | null>(null);
  const [checking, setChecking] = useState(true);
  const [loginError, setLoginError] = useState<string | null>(null);
  useEffect(() => {
    void readMe(base).then((m) => {
      setMe(m);
      setChecking(false);
    });
  }, [base]);
  return {
    me,
    checking,
    loginError,
    async login(email, password) {
      setLoginError(null);
      try {
        setMe(await requestLogin(base, email, password));
      } catch (e) {
        setLoginError(loginProblem(e));
      }
    },
    async logout() {
      await requestLogout(base);
      setMe(null);
    },
    signedOut(why) {
      setMe(null);
      setLoginError(why);
    },
  };
}

export interface Figures {
  data: Dashboard | null;
  loading: boolean;
  error: unknown;
}

/** The dashboard for `query` (null: the service's default period), read again when it changes. */
export function useFigures(base: string, query: InsightQuery | null, enabled: boolean): Figures {
  const [figures, setFigures] = useState<Figures>({ data: null, loading: false, error: null });
  useEffect(() => {
    if (!enabled) return;
    const asked = new AbortController();
    setFigures((f) => ({ ...f, loading: true, error: null }));
    fetchDashboard(base, query, asked.signal).then(
      (data) => setFigures({ data, loading: false, error: null }),
      (error: unknown) => asked.signal.aborted || setFigures((f) => ({ ...f, loading: false, error })),
    );
    return () => asked.abort();
  }, [base, query, enabled]);
  return figures;
}
