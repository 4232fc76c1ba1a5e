// The content editor at /agent/innhald, for editors and admins: the login, then the view the
// page's hash names (nav.ts) — the list, an item's editor, a version's review, a file's history or
// the training messages. The overview (items and open drafts) is read once and again after every
// change, so the list's badges follow what was saved.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../http.js';
import type { ContentOverview } from '../../types.js';
import type { Boot } from '../boot.js';
import { useSession } from '../insight/hooks.js';
import { editsContent, readsInsight, worksConversations } from '../roles.js';
import { Login } from '../views/Login.js';
import { TopBar, TopLink } from '../views/TopBar.js';
import { fetchOverview } from './api.js';
import { Editor } from './Editor.js';
import { History } from './History.js';
import { ItemList } from './ItemList.js';
import { leaveGuard } from './leave-guard.js';
import { hrefOf, parseView, type View } from './nav.js';
import { contentProblem, type Said } from './problems.js';
import { Training } from './Training.js';
import { focus, SaidText } from './ui.js';
import { VersionView } from './Version.js';

/** Where the content editor is served (src/web/routes.ts). */
export const CONTENT_PATH = '/agent/innhald';

export function ContentApp({ base, boot }: { base: string; boot: Boot }): JSX.Element {
  const session = useSession(base);
  const { me } = session;
  const allowed = me !== null && editsContent(me.role);
  const [view, setView] = useState<View>(() => parseView(location.hash));
  const [overview, setOverview] = useState<ContentOverview | null>(null);
  const [problem, setProblem] = useState<Said | null>(null);
  const [forbidden, setForbidden] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const keepFlash = useRef(false);

  const reload = async () => {
    try {
      setOverview(await fetchOverview(base));
      setProblem(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) session.signedOut('Økta di har gått ut. Logg inn igjen.');
      else if (e instanceof ApiError && e.status === 403) setForbidden(true);
      else setProblem(contentProblem(e));
    }
  };

  useEffect(() => {
    document.title = `Innhald – ${boot.bank.name}`;
  }, [boot.bank.name]);
  useEffect(() => {
    let shown = location.hash;
    const moved = () => {
      // Changes not saved: the person chose to stay, so the address goes back to the editor's.
      if (location.hash !== shown && !leaveGuard.allows()) {
        history.replaceState(null, '', shown || location.pathname);
        return;
      }
      shown = location.hash;
      focus.next = true;
      setView(parseView(location.hash));
      if (keepFlash.current) keepFlash.current = false;
      else setFlash(null);
    };
    window.addEventListener('hashchange', moved);
    return () => window.removeEventListener('hashchange', moved);
  }, []);
  useEffect(() => {
    if (allowed) void reload();
  }, [allowed]);

  const go = (v: View) => {
    const href = hrefOf(v);
    if (location.hash === href || (href === '#' && !location.hash)) {
      focus.next = true;
      setView(parseView(href));
    } else location.hash = href;
  };
  const saved = (message: string) => {
    keepFlash.current = true;
    setFlash(message);
    void reload();
  };

  if (session.checking)
    return (
      <main class="boot">
        <h1>Innhald</h1>
        <p role="status">Lastar …</p>
      </main>
    );
  if (!me) return <Login login={session.login} error={session.loginError} bank={boot.bank.name} title="Logg inn for å endre innhaldet" />;
  return (
    <div class="app content">
      <TopBar title="Innhald" me={me} onLogout={() => void session.logout()}>
        {worksConversations(me.role) && <TopLink href="/agent">Samtalar</TopLink>}
        {readsInsight(me.role) && <TopLink href="/agent/innsikt">Innsikt</TopLink>}
      </TopBar>
      <main class="content-main">
        {!allowed || forbidden ? (
          <p class="error">Innhaldet er berre for redaktørar og administratorar.</p>
        ) : (
          <>
            <div role="status" class="flash-area">
              {flash && <p class="flash">{flash}</p>}
            </div>
            {problem && (
              <p class="error" role="alert">
                <SaidText said={problem} />
              </p>
            )}
            {view.name === 'list' && <ItemList overview={overview} go={go} />}
            {view.name === 'item' && <Editor key={`${view.kind}/${view.id}`} base={base} boot={boot} me={me} overview={overview} target={view} go={go} saved={saved} />}
            {view.name === 'new-topic' && <Editor key="new" base={base} boot={boot} me={me} overview={overview} target={null} go={go} saved={saved} />}
            {view.name === 'version' && <VersionView key={view.id} base={base} id={view.id} go={go} saved={saved} />}
            {view.name === 'history' && <History key={view.path} base={base} path={view.path} go={go} saved={saved} />}
            {view.name === 'training' && <Training key={view.label ?? ''} base={base} overview={overview} label={view.label} go={go} saved={saved} />}
          </>
        )}
      </main>
    </div>
  );
}
