// The figures that matter most, large at the top: how much the assistant solves on its own.
import type { JSX } from 'preact';
import { countText, decimalText, durationText, percentText } from '../format.js';
import type { SectionProps } from './props.js';

export function Headline({ d }: SectionProps): JSX.Element {
  const c = d.conversations;
  return (
    <section class="headline" aria-labelledby="hovudtal">
      <h2 id="hovudtal" class="visually-hidden">
        Hovudtal
      </h2>
      <dl>
        <div class="figure main">
          <dt>Løyst utan rådgjevar</dt>
          <dd>
            <span class="big">{c.total ? percentText(c.containment) : '–'}</span>
            <span class="sub">
              {countText(c.contained)} av {countText(c.total)} samtalar
            </span>
          </dd>
        </div>
        <div class="figure">
          <dt>Samtalar</dt>
          <dd>
            <span class="big">{countText(c.total)}</span>
          </dd>
        </div>
        <div class="figure">
          <dt>Ventetid i køen (median)</dt>
          <dd>
            <span class="big">{durationText(d.queue.waitP50Seconds)}</span>
          </dd>
        </div>
        <div class="figure">
          <dt>Nøgde kundar (CSAT)</dt>
          <dd>
            <span class="big">{d.csat.average === null ? '–' : `${decimalText(d.csat.average)} av 5`}</span>
            <span class="sub">{d.csat.responses === 1 ? '1 svar' : `${countText(d.csat.responses)} svar`}</span>
          </dd>
        </div>
      </dl>
    </section>
  );
}
