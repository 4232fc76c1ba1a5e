// How satisfied customers were (asked once a conversation with an advisor ends): the average, how
// the scores spread, and the newest comments.
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { csvUrl } from '../api.js';
import { Card } from '../Card.js';
import { Chart } from '../Chart.js';
import { columnOptions } from '../charts.js';
import { DataTable, type Column } from '../DataTable.js';
import { countText, decimalText, percentText, whenText } from '../format.js';
import { scoreLabels } from '../labels.js';
import { conversationHref, type SectionProps } from './props.js';

const SERIES = [{ label: 'Svar' }];
type Comment = SectionProps['d']['csat']['comments'][number];

export function Csat({ d, q, opensConversations }: SectionProps): JSX.Element {
  const c = d.csat;
  const data = useMemo(() => [c.distribution.map((x) => x.score), c.distribution.map((x) => x.count)] as [number[], number[]], [c.distribution]);
  const make = useMemo(() => (width: number, height: number) => columnOptions({ width, height, series: SERIES, first: 1, last: 5, slotLabel: String, count: countText }), []);
  const comments: Column<Comment>[] = [
    { header: 'Tid', cell: (x) => whenText(x.at), rowHeader: true },
    { header: 'Poeng', cell: (x) => String(x.score), numeric: true },
    { header: 'Kommentar', cell: (x) => x.comment },
  ];
  if (opensConversations)
    comments.push({
      header: 'Samtale',
      cell: (x) => (
        <a href={conversationHref(x.conversationId)}>
          Opne<span class="visually-hidden"> samtalen med kommentaren frå {whenText(x.at)}</span>
        </a>
      ),
    });
  return (
    <Card id="csat" title="Nøgde kundar (CSAT)" wide>
      <p class="csat-average">
        {c.average === null ? (
          'Ingen svar i perioden.'
        ) : (
          <>
            Snitt <strong>{decimalText(c.average)} av 5</strong> frå {countText(c.responses)} svar (1 er svært misnøgd, 5 svært nøgd).
          </>
        )}
      </p>
      <div class="csat-parts">
        <div>
          <Chart make={make} data={data} legend={[]} height={180} />
          <DataTable
            id="csat-fordeling"
            caption="Svar per poeng"
            columns={[
              { header: 'Poeng', cell: (x) => `${x.score} – ${scoreLabels[x.score] ?? ''}`, rowHeader: true },
              { header: 'Svar', cell: (x) => countText(x.count), numeric: true },
              { header: 'Del', cell: (x) => (c.responses ? percentText(x.count / c.responses) : '–'), numeric: true },
            ]}
            rows={c.distribution}
            csv={csvUrl('csat', q)}
          />
        </div>
        <div>
          <DataTable id="csat-kommentarar" caption="Kommentarar, nyaste først" columns={comments} rows={c.comments} csv={csvUrl('csat-comments', q)} empty="Ingen kommentarar i perioden." />
        </div>
      </div>
    </Card>
  );
}
