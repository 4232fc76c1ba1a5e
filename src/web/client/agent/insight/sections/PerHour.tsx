// When in the day customers write: conversations by the hour they began (Oslo time).
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { csvUrl } from '../api.js';
import { Card } from '../Card.js';
import { Chart } from '../Chart.js';
import { columnOptions } from '../charts.js';
import { DataTable, type Column } from '../DataTable.js';
import { countText, hourText } from '../format.js';
import type { SectionProps } from './props.js';

const SERIES = [{ label: 'Samtalar' }];

const COLUMNS: Column<SectionProps['d']['conversations']['perHour'][number]>[] = [
  { header: 'Time', cell: (x) => hourText(x.hour), rowHeader: true },
  { header: 'Samtalar', cell: (x) => countText(x.total), numeric: true },
];

export function PerHour({ d, q }: SectionProps): JSX.Element {
  const hours = d.conversations.perHour;
  const data = useMemo(() => [hours.map((x) => x.hour), hours.map((x) => x.total)] as [number[], number[]], [hours]);
  const make = useMemo(
    () => (width: number, height: number) => columnOptions({ width, height, series: SERIES, first: 0, last: 23, slotLabel: (h) => String(h).padStart(2, '0'), count: countText }),
    [],
  );
  return (
    <Card id="per-time" title="Samtalar per time">
      <Chart make={make} data={data} legend={[]} />
      <DataTable id="per-time" caption="Samtalar etter kva time på døgnet dei starta (norsk tid)" columns={COLUMNS} rows={hours} tall csv={csvUrl('conversations-per-hour', q)} />
    </Card>
  );
}
