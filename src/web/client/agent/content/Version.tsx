// One version of a file: what it says and who wrote it, the diff from the published text, the
// quality check (run, polled every 2 s while it runs, and its report), and for an open draft the
// decision: "Godkjenn og publiser" or "Avvis" with a comment, by a second person — the author can
// only withdraw it. Below the floor, publishing needs a reason.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../http.js';
import type { ContentVersionResult } from '../../types.js';
import { approve, fetchVersion, reject, startCheck, withdraw } from './api.js';
import { Diff } from './Diff.js';
import { versionStateLabels } from './labels.js';
import { hrefOf, type View } from './nav.js';
import { contentProblem, type Said } from './problems.js';
import { Quality } from './Quality.js';
import { byline, Field, SaidText, ViewHeading } from './ui.js';

const POLL_MS = 2000;

export function VersionView({ base, id, go, saved }: { base: string; id: string; go: (v: View) => void; saved: (message: string) => void }): JSX.Element {
  const [r, setR] = useState<ContentVersionResult | null>(null);
  const [loadProblem, setLoadProblem] = useState<Said | null>(null);
  const [problem, setProblem] = useState<Said | null>(null);
  const [errors, setErrors] = useState<{ comment?: Said; override?: Said }>({});
  const [comment, setComment] = useState('');
  const [override, setOverride] = useState('');
  const [askOverride, setAskOverride] = useState(false);
  const [busy, setBusy] = useState(false);
  const [startedCheck, setStartedCheck] = useState(false);
  const problemRef = useRef<HTMLDivElement>(null);

  const load = async () => {
    try {
      const next = await fetchVersion(base, id);
      setR(next);
      setLoadProblem(null);
      if (next.quality?.belowFloor) setAskOverride(true);
    } catch (e) {
      setLoadProblem(contentProblem(e));
    }
  };
  useEffect(() => {
    setR(null);
    setProblem(null);
    setErrors({});
    setComment('');
    setOverride('');
    setAskOverride(false);
    void load();
  }, [base, id]);
  // While the check runs, the version is read every 2 s.
  useEffect(() => {
    if (!r?.checking) return;
    const t = setTimeout(() => void load(), POLL_MS);
    return () => clearTimeout(t);
  }, [r]);

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'ERR_QUALITY_FLOOR') {
      setAskOverride(true);
      setErrors({ override: { nn: 'Skriv kvifor endringa skal publiserast sjølv om ho er under minstekravet (minst 10 teikn).' } });
    }
    setProblem(contentProblem(e));
    requestAnimationFrame(() => problemRef.current?.focus());
    if (e instanceof ApiError && (e.code === 'ERR_INVALID_TRANSITION' || e.code === 'ERR_QUALITY_PENDING')) void load();
  };
  const act = async (work: () => Promise<unknown>, done: string, after: View) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      saved(done);
      go(after);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const check = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await startCheck(base, id);
      setStartedCheck(true);
      await load();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const onApprove = () => {
    const found: typeof errors = {};
    if (askOverride && override.trim().length < 10) found.override = { nn: 'Skriv kvifor endringa skal publiserast sjølv om ho er under minstekravet (minst 10 teikn).' };
    setErrors(found);
    if (found.override) {
      requestAnimationFrame(() => document.getElementById('felt-override')?.focus());
      return;
    }
    void act(
      () => approve(base, id, { ...(comment.trim() ? { comment: comment.trim() } : {}), ...(askOverride && override.trim() ? { overrideReason: override.trim() } : {}) }),
      `Endringa av ${v?.path ?? 'fila'} er publisert.`,
      { name: 'list' },
    );
  };
  const onReject = () => {
    if (!comment.trim()) {
      setErrors({ comment: { nn: 'Skriv til forfattaren kvifor du avviser endringa.' } });
      requestAnimationFrame(() => document.getElementById('felt-comment')?.focus());
      return;
    }
    setErrors({});
    void act(() => reject(base, id, comment.trim()), `Endringa av ${v?.path ?? 'fila'} er avvist. Forfattaren ser kommentaren din.`, { name: 'list' });
  };

  const v = r?.version;
  const open = v?.state === 'draft';
  return (
    <>
      <p class="crumbs">
        <a href={hrefOf({ name: 'list' })}>Alt innhald</a>
        {v && (
          <>
            {' '}
            · <a href={hrefOf({ name: 'history', path: v.path })}>Historikk for {v.path}</a>
          </>
        )}
      </p>
      <ViewHeading>{v ? `${open ? 'Utkast' : 'Versjon'} ${v.version} av ${v.path}` : 'Versjon'}</ViewHeading>
      {loadProblem && (
        <p class="error" role="alert">
          <SaidText said={loadProblem} />
        </p>
      )}
      {!r && !loadProblem && <p role="status">Hentar …</p>}
      {r && v && (
        <>
          <section class="content-card" aria-labelledby="om-versjonen">
            <h3 id="om-versjonen">Om endringa</h3>
            <dl class="facts-list">
              <dt>Status</dt>
              <dd>
                <span class={`badge version-${v.state}`}>{versionStateLabels[v.state]}</span>
                {v.removed && <span class="badge">Fila blir fjerna</span>}
              </dd>
              <dt>Skriven</dt>
              <dd>{byline(v.authorName, v.updatedAt)}</dd>
              <dt>Kva og kvifor</dt>
              <dd>«{v.summary}»</dd>
              <dt>Laga frå</dt>
              <dd>{v.basedOn === null ? 'Ny fil' : `versjon ${v.basedOn}`}</dd>
              {v.reviewedAt && (
                <>
                  <dt>{v.state === 'withdrawn' ? 'Trekt tilbake' : v.state === 'rejected' ? 'Avvist' : 'Godkjend'}</dt>
                  <dd>{byline(v.reviewerName, v.reviewedAt)}</dd>
                </>
              )}
              {v.reviewComment && (
                <>
                  <dt>Kommentar</dt>
                  <dd>«{v.reviewComment}»</dd>
                </>
              )}
              {v.overrideReason && (
                <>
                  <dt>Publisert under minstekravet fordi</dt>
                  <dd>«{v.overrideReason}»</dd>
                </>
              )}
            </dl>
          </section>

          <section class="content-card" aria-labelledby="skilnad">
            <h3 id="skilnad">Skilnad frå den publiserte teksten</h3>
            <Diff diff={r.diff} />
          </section>

          <section class="content-card" aria-labelledby="kvalitet">
            <h3 id="kvalitet">Kvalitetssjekk</h3>
            <p class="hint">Sjekken byggjer assistenten med endringa og samanliknar svara på evalueringssetta med svara i dag.</p>
            <div role="status" class="check-status">
              {r.checking ? <p>Kvalitetssjekken køyrer. Sida blir oppdatert når han er ferdig …</p> : startedCheck && r.quality && !r.checkError ? <p>Kvalitetssjekken er ferdig.</p> : null}
            </div>
            {r.checkError && (
              <p class="error">
                Kvalitetssjekken feila: <q lang="en">{r.checkError}</q> Køyr han på nytt.
              </p>
            )}
            {r.quality && <Quality q={r.quality} />}
            {!r.quality && !r.checking && !r.checkError && <p class="empty">Ikkje sjekka enno. Endringa kan ikkje godkjennast før ho er sjekka.</p>}
            {open && (
              <button type="button" disabled={busy || r.checking} onClick={() => void check()}>
                {r.quality ? 'Køyr kvalitetssjekken på nytt' : 'Køyr kvalitetssjekk'}
              </button>
            )}
          </section>

          {open && (
            <section class="content-card" aria-labelledby="avgjerd">
              <h3 id="avgjerd">Avgjerd</h3>
              <div ref={problemRef} tabIndex={-1} role={problem ? 'alert' : undefined} class="problems">
                {problem && (
                  <p class="error">
                    <SaidText said={problem} />
                  </p>
                )}
              </div>
              {r.canDecide ? (
                <form class="decide" aria-labelledby="avgjerd" noValidate onSubmit={(e) => e.preventDefault()}>
                  <p class="hint">Ein annan enn forfattaren må godkjenne. Godkjend endring blir publisert med ein gong og brukt i svara til kundane.</p>
                  <Field
                    k="comment"
                    label="Kommentar til forfattaren"
                    hint="Valfri når du godkjenner; må fyllast ut når du avviser."
                    multiline
                    rows={3}
                    value={comment}
                    error={errors.comment}
                    onInput={(t) => {
                      setComment(t);
                      if (errors.comment) setErrors({ ...errors, comment: undefined });
                    }}
                  />
                  {askOverride && (
                    <Field
                      k="override"
                      label="Grunngiving for å publisere likevel"
                      hint="Endringa er under minstekravet for kvalitet. Skriv kvifor ho likevel skal publiserast (minst 10 teikn). Grunngivinga blir lagra i historikken."
                      required
                      multiline
                      rows={3}
                      value={override}
                      error={errors.override}
                      onInput={(t) => {
                        setOverride(t);
                        if (errors.override) setErrors({ ...errors, override: undefined });
                      }}
                    />
                  )}
                  <div class="btns">
                    <button type="button" class="primary" disabled={busy || r.checking} onClick={onApprove}>
                      Godkjenn og publiser
                    </button>
                    <button type="button" class="danger" disabled={busy} onClick={onReject}>
                      Avvis
                    </button>
                  </div>
                </form>
              ) : (
                <>
                  <p>
                    Du skreiv denne endringa sjølv. Ein annan person – ein redaktør eller ein administrator – må godkjenne eller avvise ho.
                    {!r.quality && ' Køyr gjerne kvalitetssjekken først, så er ho klar til gjennomgang.'}
                  </p>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void act(() => withdraw(base, id), `Utkastet av ${v.path} er trekt tilbake.`, { name: 'list' })}
                  >
                    Trekk tilbake utkastet
                  </button>
                </>
              )}
            </section>
          )}
        </>
      )}
    </>
  );
}
