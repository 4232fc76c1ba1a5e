// Every version of one file, newest first, each with its state, who wrote and decided it and why;
// "Rull tilbake til denne versjonen" makes a new draft with that version's text, approved like any
// other change.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ContentVersion } from '../../types.js';
import { fetchHistory, rollback } from './api.js';
import { versionStateLabels } from './labels.js';
import { hrefOf, type View } from './nav.js';
import { contentProblem, type Said } from './problems.js';
import { byline, Field, SaidText, ViewHeading } from './ui.js';

export function History({ base, path, go, saved }: { base: string; path: string; go: (v: View) => void; saved: (message: string) => void }): JSX.Element {
  const [versions, setVersions] = useState<ContentVersion[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<Said | null>(null);
  const [rolling, setRolling] = useState<number | null>(null);
  useEffect(() => {
    setVersions(null);
    fetchHistory(base, path).then(
      (h) => setVersions(h.versions),
      (e: unknown) => setLoadProblem(contentProblem(e)),
    );
  }, [base, path]);
  // The published text: the approved version with the highest release.
  const current = (versions ?? []).filter((v) => v.state === 'approved').sort((a, b) => (b.release ?? 0) - (a.release ?? 0))[0];
  return (
    <>
      <p class="crumbs">
        <a href={hrefOf({ name: 'list' })}>Alt innhald</a>
      </p>
      <ViewHeading>Historikk for {path}</ViewHeading>
      {loadProblem && (
        <p class="error" role="alert">
          <SaidText said={loadProblem} />
        </p>
      )}
      {!versions && !loadProblem && <p role="status">Hentar …</p>}
      {versions && versions.length === 0 && <p class="empty">Fila har ingen versjonar.</p>}
      {versions && versions.length > 0 && (
        <ol class="history" reversed>
          {versions.map((v) => (
            <li key={v.id} class="content-card">
              <h3>
                Versjon {v.version} <span class={`badge version-${v.state}`}>{versionStateLabels[v.state]}</span>
                {v === current && <span class="badge status-approved">I bruk no</span>}
                {v.removed && <span class="badge">Fila fjerna</span>}
              </h3>
              <p>«{v.summary}»</p>
              <p class="meta">
                Skriven {byline(v.authorName, v.createdAt)}
                {v.reviewedAt && ` · ${v.state === 'approved' ? 'godkjend' : v.state === 'rejected' ? 'avvist' : 'avgjord'} ${byline(v.reviewerName, v.reviewedAt)}`}
                {v.reviewComment && ` · «${v.reviewComment}»`}
              </p>
              {v.overrideReason && <p class="meta">Publisert under minstekravet fordi: «{v.overrideReason}»</p>}
              <div class="btns">
                <a class="button-link" href={hrefOf({ name: 'version', id: v.id })}>
                  Sjå versjon {v.version}
                </a>
                {v.state === 'approved' && v !== current && (
                  <button type="button" aria-expanded={rolling === v.version} aria-controls={`rull-${v.version}`} onClick={() => setRolling(rolling === v.version ? null : v.version)}>
                    Rull tilbake til denne versjonen
                  </button>
                )}
              </div>
              {rolling === v.version && <RollbackForm key={v.version} base={base} path={path} version={v.version} go={go} saved={saved} onCancel={() => setRolling(null)} />}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function RollbackForm(p: { base: string; path: string; version: number; go: (v: View) => void; saved: (m: string) => void; onCancel: () => void }): JSX.Element {
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<Said | undefined>(undefined);
  const [problem, setProblem] = useState<Said | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!summary.trim()) {
      setError({ nn: 'Skriv kvifor du rullar tilbake. Den som går gjennom endringa, les dette først.' });
      document.getElementById('felt-summary')?.focus();
      return;
    }
    setBusy(true);
    try {
      const drafts = await rollback(p.base, { path: p.path, version: p.version, summary: summary.trim() });
      p.saved(`Tilbakerullinga til versjon ${p.version} er lagra som utkast. Ein annan person må godkjenne ho.`);
      p.go(drafts.length === 1 ? { name: 'version', id: drafts[0]!.id } : { name: 'list' });
    } catch (err) {
      setProblem(contentProblem(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form id={`rull-${p.version}`} class="rollback" aria-label={`Rull tilbake til versjon ${p.version}`} noValidate onSubmit={submit}>
      <Field
        k="summary"
        label="Kva har du endra, og kvifor?"
        hint={`Ei tilbakerulling er eit nytt utkast med teksten i versjon ${p.version}. Det må godkjennast som alle andre endringar.`}
        required
        multiline
        rows={2}
        value={summary}
        error={error}
        onInput={(t) => {
          setSummary(t);
          setError(undefined);
        }}
      />
      {problem && (
        <p class="error" role="alert">
          <SaidText said={problem} />
        </p>
      )}
      <div class="btns">
        <button type="submit" class="primary" disabled={busy}>
          Lagre utkast
        </button>
        <button type="button" onClick={p.onCancel}>
          Avbryt
        </button>
      </div>
    </form>
  );
}
