// Why conversations went on to an advisor: the reason the bot understood when it handed over.
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { csvUrl } from '../api.js';
import { Card } from '../Card.js';
import { Chart } from '../Chart.js';
import { barOptions } from '../charts.js';
import { DataTable } from '../DataTable.js';
import { countText, percentText } from '../format.js';
import { reasonLabels, shortReasonLabels } from '../labels.js';
import type { SectionProps } from './props.js';

const SERIES = [{ label: 'Overføringar' }];

export function Handoffs({ d, q }: SectionProps): JSX.Element {
  const reasons = d.handoffReasons;
  const all = reasons.reduce((n, r) => n + r.total, 0);
  const data = useMemo(() => [reasons.map((_, i) => i), reasons.map((r) => r.total)] as [number[], number[]], [reasons]);
  const make = useMemo(
    () => (width: number, height: number) =>
      barOptions({ width, height, series: SERIES, categories: reasons.map((r) => shortReasonLabels[r.reason]), labelWidth: 150, count: countText }),
    [reasons],
  );
  return (
    <Card id="grunnar" title="Grunnar til overføring">
      <Chart make={make} data={data} legend={[]} height={Math.max(160, reasons.length * 30 + 50)} />
      <DataTable
        id="grunnar"
        caption="Kvifor samtalane vart sette over til ein rådgjevar"
        columns={[
          { header: 'Grunn', cell: (r) => reasonLabels[r.reason], rowHeader: true },
          { header: 'Overføringar', cell: (r) => countText(r.total), numeric: true },
          { header: 'Del av overføringane', cell: (r) => (all ? percentText(r.total / all) : '–'), numeric: true },
        ]}
        rows={reasons}
        csv={csvUrl('handoff-reasons', q)}
      />
    </Card>
  );
}
