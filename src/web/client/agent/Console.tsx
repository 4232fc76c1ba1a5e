// The advisor console's UI: login, then the live queue beside the open conversations in tabs, and
// for admins the accounts and the audit log. State and server calls live in ConsoleStore; the
// views (views/) render one part each, and this file puts them together.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Boot } from './boot.js';
import { useStore } from './hooks.js';
import { editsContent, readsInsight, worksConversations } from './roles.js';
import type { ConsoleState, ConsoleStore } from './store.js';
import { AuditView } from './views/admin/AuditView.js';
import { Admin } from './views/admin/Admin.js';
import { ArrivalNotice } from './views/ArrivalNotice.js';
import { Login } from './views/Login.js';
import { Queue } from './views/Queue.js';
import { Tabs } from './views/Tabs.js';
import { TopBar, TopLink } from './views/TopBar.js';

export type { Boot } from './boot.js';

/** Where the insight dashboard and the content editor are served (src/web/routes.ts). */
export const INSIGHT_PATH = '/agent/innsikt';
export const CONTENT_PATH = '/agent/innhald';

export function App({ store, boot, go }: { store: ConsoleStore; boot: Boot; go: (path: string) => void }): JSX.Element {
  const s = useStore(store);
  useEffect(() => {
    const waiting = s.queue.filter((c) => c.state === 'queued').length;
    document.title = `${waiting ? `(${waiting}) ` : ''}Rådgjevarkonsoll – ${boot.bank.name}`;
  }, [s.queue, boot.bank.name]);
  // An analyst or an editor has no queue: the console is the dashboard, or the content editor.
  const elsewhere = s.me === null || worksConversations(s.me.role) ? null : editsContent(s.me.role) ? CONTENT_PATH : INSIGHT_PATH;
  useEffect(() => {
    if (elsewhere) go(elsewhere);
  }, [elsewhere]);
  if (s.checking)
    return (
      <main class="boot">
        <h1>Rådgjevarkonsoll</h1>
        <p role="status">Lastar …</p>
      </main>
    );
  if (!s.me) return <Login login={(email, password) => store.login(email, password)} error={s.loginError} bank={boot.bank.name} />;
  if (elsewhere)
    return (
      <main class="boot">
        <h1>Rådgjevarkonsoll</h1>
        <p role="status">
          {elsewhere === CONTENT_PATH ? (
            <>
              Du endrar innhaldet. <a href={CONTENT_PATH}>Opne innhaldet</a>
            </>
          ) : (
            <>
              Du les innsikta. <a href={INSIGHT_PATH}>Opne innsikta</a>
            </>
          )}
        </p>
      </main>
    );
  return <Console store={store} s={s} boot={boot} />;
}

function Console({ store, s, boot }: { store: ConsoleStore; s: ConsoleState; boot: Boot }): JSX.Element {
  const [showAdmin, setShowAdmin] = useState(false);
  const queueHeading = useRef<HTMLHeadingElement>(null);
  const me = s.me!;
  const admin = me.role === 'admin';
  return (
    <div class="app">
      <TopBar title="Rådgjevarkonsoll" me={me} onLogout={() => void store.logout()}>
        <p class={`conn ${s.connected ? 'on' : 'off'}`}>{s.connected ? 'Direkte' : 'Koplar til …'}</p>
        {readsInsight(me.role) && <TopLink href={INSIGHT_PATH}>Innsikt</TopLink>}
        {editsContent(me.role) && <TopLink href={CONTENT_PATH}>Innhald</TopLink>}
        {admin && (
          <button type="button" class="ghost" aria-expanded={showAdmin} aria-controls="brukarar" onClick={() => setShowAdmin(!showAdmin)}>
            Brukarar
          </button>
        )}
      </TopBar>

      <ArrivalNotice
        count={s.arrivals.length}
        onShow={() => {
          store.dismissArrivals();
          queueHeading.current?.focus();
        }}
      />
      {s.error && <p class="error banner">{s.error}</p>}

      <div class="grid">
        <Queue store={store} s={s} boot={boot} headingRef={queueHeading} />
        <main class="work" id="arbeid">
          {showAdmin && admin && <Admin store={store} meId={me.id} />}
          {showAdmin && admin && <AuditView store={store} />}
          {s.tabs.length === 0 ? (
            <div class="placeholder">
              <h2>Ingen open samtale</h2>
              <p>Ta ein samtale frå køen, så kjem han opp her. Du kan ha fleire samtalar opne samstundes.</p>
            </div>
          ) : (
            <Tabs store={store} s={s} boot={boot} />
          )}
        </main>
      </div>
    </div>
  );
}
