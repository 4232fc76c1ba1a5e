// The insight page at /agent/innsikt, for admins and analysts: the login, then the period and
// language, and the dashboard for them. The first read asks the service for its default period
// (the last 30 days by its clock), whose last day is "today" for the presets.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../http.js';
import { languageLabels } from './labels.js';
import type { Boot } from '../boot.js';
import { editsContent, readsInsight, worksConversations } from '../roles.js';
import { problemText } from '../problem.js';
import { Login } from '../views/Login.js';
import { TopBar, TopLink } from '../views/TopBar.js';
import type { InsightQuery } from './api.js';
import { Dashboard } from './Dashboard.js';
import { Filters } from './Filters.js';
import { dayText } from './format.js';
import { useFigures, useSession } from './hooks.js';
import { osloToday } from './period.js';

export function InsightApp({ base, boot, now }: { base: string; boot: Boot; now: () => Date }): JSX.Element {
  const session = useSession(base);
  const { me } = session;
  const allowed = me !== null && readsInsight(me.role);
  const [query, setQuery] = useState<InsightQuery | null>(null);
  const [today, setToday] = useState<string | null>(null);
  const { data, loading, error } = useFigures(base, query, allowed);
  useEffect(() => {
    document.title = `Innsikt – ${boot.bank.name}`;
  }, [boot.bank.name]);
  useEffect(() => {
    if (data && !today) setToday(query ? osloToday(now()) : data.period.to);
  }, [data]);
  useEffect(() => {
    if (error instanceof ApiError && error.status === 401) session.signedOut('Økta di har gått ut. Logg inn igjen.');
  }, [error]);

  if (session.checking)
    return (
      <main class="boot">
        <h1>Innsikt</h1>
        <p role="status">Lastar …</p>
      </main>
    );
  if (!me) return <Login login={session.login} error={session.loginError} bank={boot.bank.name} title="Logg inn for å sjå innsikta" />;
  const forbidden = !allowed || (error instanceof ApiError && error.status === 403);
  const shown: InsightQuery | null = data ? { ...data.period, language: query?.language ?? 'all' } : null;
  return (
    <div class="app insight">
      <TopBar title="Innsikt" me={me} onLogout={() => void session.logout()}>
        {worksConversations(me.role) && <TopLink href="/agent">Samtalar</TopLink>}
        {editsContent(me.role) && <TopLink href="/agent/innhald">Innhald</TopLink>}
      </TopBar>
      <main class="insight-main">
        {forbidden ? (
          <p class="error">
            Innsikta er berre for administratorar og analytikarar.{editsContent(me.role) && <> <a href="/agent/innhald">Opne innhaldet</a></>}
          </p>
        ) : (
          <>
            {shown && today && <Filters shown={shown} today={today} onApply={setQuery} />}
            <p class="insight-status" role="status">
              {loading ? 'Hentar tala …' : shown ? `Viser tala for ${dayText(shown.from)} – ${dayText(shown.to)}, ${languageLabels[shown.language].toLowerCase()}.` : ''}
            </p>
            {error !== null && !(error instanceof ApiError && error.status === 401) && (
              <p class="error" role="alert">
                {problemText(error)}
              </p>
            )}
            {data && shown && <Dashboard d={data} q={shown} boot={boot} opensConversations={worksConversations(me.role)} />}
          </>
        )}
      </main>
    </div>
  );
}
