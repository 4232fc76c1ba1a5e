// Conversations per day, and how many of them the assistant solved without an advisor.
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { csvUrl } from '../api.js';
import { Card } from '../Card.js';
import { Chart } from '../Chart.js';
import { perDayOptions } from '../charts.js';
import { DataTable, type Column } from '../DataTable.js';
import { countText, dayText, percentText, shortDayText } from '../format.js';
import { daySeconds } from '../period.js';
import type { SectionProps } from './props.js';

const SERIES = [{ label: 'Samtalar' }, { label: 'Løyst utan rådgjevar' }];
const dayLabel = (seconds: number) => shortDayText(new Date(seconds * 1000).toISOString().slice(0, 10));

const COLUMNS: Column<SectionProps['d']['conversations']['perDay'][number]>[] = [
  { header: 'Dag', cell: (x) => dayText(x.day), rowHeader: true },
  { header: 'Samtalar', cell: (x) => countText(x.total), numeric: true },
  { header: 'Løyst utan rådgjevar', cell: (x) => countText(x.contained), numeric: true },
  { header: 'Del løyst', cell: (x) => (x.total ? percentText(x.contained / x.total) : '–'), numeric: true },
];

export function PerDay({ d, q }: SectionProps): JSX.Element {
  const days = d.conversations.perDay;
  const data = useMemo(() => [days.map((x) => daySeconds(x.day)), days.map((x) => x.total), days.map((x) => x.contained)] as [number[], number[], number[]], [days]);
  const make = useMemo(() => (width: number, height: number) => perDayOptions({ width, height, series: SERIES, dayLabel, count: countText }), []);
  return (
    <Card id="per-dag" title="Samtalar per dag" wide>
      <Chart make={make} data={data} legend={SERIES.map((s) => s.label)} />
      <DataTable id="per-dag" caption="Samtalar per dag, og kor mange som vart løyste utan rådgjevar" columns={COLUMNS} rows={days} tall csv={csvUrl('conversations-per-day', q)} />
    </Card>
  );
}
