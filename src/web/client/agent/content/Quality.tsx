// The quality check's report: each evaluation set before → after beside its floor, the topics whose
// score changed, the evaluation messages whose reply changed, and cross-validation before → after.
import type { JSX } from 'preact';
import type { QualityReport } from '../../types.js';
import { percentText } from './labels.js';

const measures = [
  ['all', 'Alle'],
  ['urgent', 'Hastesaker'],
  ['errorCodes', 'Feilkodar'],
] as const;

const seconds = new Intl.NumberFormat(['nn-NO', 'nb-NO'], { maximumFractionDigits: 1 });

const replyKinds: Record<string, string> = { answer: 'svar', clarify: 'spør kva kunden meiner', handoff: 'til rådgjevar' };
const kindText = (k: string) => replyKinds[k] ?? k;

/** Better or worse by at least what the figures show (0,1 prosentpoeng), so "93 % → 93 %" never reads as worse. */
const change = (before: number, after: number) => (after >= before + 0.0005 ? 'betre' : after <= before - 0.0005 ? 'dårlegare' : 'uendra');

export function Quality({ q }: { q: QualityReport }): JSX.Element {
  return (
    <div class="quality">
      <p class={q.belowFloor ? 'error' : 'ok'}>
        {q.belowFloor
          ? 'Under minstekravet: endringa gjer svara dårlegare enn det banken krev. Ho kan berre publiserast med ei grunngiving.'
          : 'Over minstekravet i alle evalueringssetta.'}{' '}
        <span class="meta">(Sjekken tok {seconds.format(q.ms / 1000)} s.)</span>
      </p>
      <div class="table-scroll" role="region" aria-labelledby="kvalitet-sett" tabIndex={0}>
        <table class="figures">
          <caption id="kvalitet-sett">Evalueringssett: del rette svar før → etter endringa, og minstekravet</caption>
          <thead>
            <tr>
              <th scope="col">Sett</th>
              {measures.map(([k, label]) => (
                <th key={k} scope="col" class="num">
                  {label}
                </th>
              ))}
              <th scope="col">Vurdering</th>
            </tr>
          </thead>
          <tbody>
            {q.sets.map((s) => (
              <tr key={s.name} class={s.belowFloor ? 'below' : undefined}>
                <th scope="row">
                  {s.name}
                  <span class="meta"> ({s.cases} meldingar)</span>
                </th>
                {measures.map(([k]) => (
                  <td key={k} class="num">
                    {percentText(s.before[k])} → {s.after[k] < s.floor[k] ? <strong>{percentText(s.after[k])}</strong> : percentText(s.after[k])}
                    <span class="floor">krav {percentText(s.floor[k])}</span>
                  </td>
                ))}
                <td>
                  {s.belowFloor ? (
                    <strong>Under minstekravet</strong>
                  ) : (
                    change(s.before.all, s.after.all)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h4>Emne der resultatet endra seg</h4>
      {q.topics.length === 0 ? (
        <p class="empty">Ingen.</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="kvalitet-emne" tabIndex={0}>
          <table class="figures">
            <caption id="kvalitet-emne" class="visually-hidden">
              Emne der resultatet endra seg: rette svar av alle, før og etter
            </caption>
            <thead>
              <tr>
                <th scope="col">Emne</th>
                <th scope="col" class="num">
                  Før
                </th>
                <th scope="col" class="num">
                  Etter
                </th>
                <th scope="col">Vurdering</th>
              </tr>
            </thead>
            <tbody>
              {q.topics.map((t) => (
                <tr key={t.topic}>
                  <th scope="row">{t.topic}</th>
                  <td class="num">
                    {t.before[0]} av {t.before[1]}
                  </td>
                  <td class="num">
                    {t.after[0]} av {t.after[1]}
                  </td>
                  <td>{change(t.before[1] ? t.before[0] / t.before[1] : 1, t.after[1] ? t.after[0] / t.after[1] : 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h4>
        Meldingar der svaret endra seg ({q.changedCount}
        {q.changed.length < q.changedCount ? `, dei første ${q.changed.length} er viste` : ''})
      </h4>
      {q.changed.length === 0 ? (
        <p class="empty">Ingen svar endra seg.</p>
      ) : (
        <details class="changed-details">
          <summary>Vis meldingane og svara før og etter</summary>
          <ol class="changed">
          {q.changed.map((c) => (
            <li key={`${c.set}-${c.id}`}>
              <p class="message">
                <span class="meta">
                  {c.set}, {c.id}:
                </span>{' '}
                «{c.message}»
              </p>
              <div class="before-after">
                <div>
                  <p class="label">Før ({kindText(c.before.kind)}{c.before.sources.length ? `: ${c.before.sources.join(', ')}` : ''})</p>
                  <p class="reply">{c.before.text}</p>
                </div>
                <div>
                  <p class="label">Etter ({kindText(c.after.kind)}{c.after.sources.length ? `: ${c.after.sources.join(', ')}` : ''})</p>
                  <p class="reply">{c.after.text}</p>
                </div>
              </div>
            </li>
          ))}
          </ol>
        </details>
      )}

      <h4>Kryssvalidering</h4>
      {q.crossValidation.folds < 2 ? (
        <p>Kryssvalidering er slått av på denne tenesta.</p>
      ) : (
        <p>
          Treffsikkerheit på treningsmeldingane ({q.crossValidation.folds}-delt kryssvalidering): {percentText(q.crossValidation.before)} før, {percentText(q.crossValidation.after)} etter (
          {change(q.crossValidation.before, q.crossValidation.after)}).
        </p>
      )}
      {q.crossValidation.labels.length > 0 && (
        <ul class="cv-labels">
          {q.crossValidation.labels.map((l) => (
            <li key={l.label}>
              {l.label}: {percentText(l.before)} → {percentText(l.after)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
