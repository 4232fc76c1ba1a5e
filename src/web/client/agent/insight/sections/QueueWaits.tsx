// The queue: how long customers waited for an advisor, how many gave up, and callback requests.
import type { JSX } from 'preact';
import { csvUrl } from '../api.js';
import { Card } from '../Card.js';
import { DataTable, type Column } from '../DataTable.js';
import { countText, durationText } from '../format.js';
import type { SectionProps } from './props.js';

const COLUMNS: Column<{ what: string; value: string }>[] = [
  { header: 'Kva', cell: (r) => r.what, rowHeader: true },
  { header: 'Tal', cell: (r) => r.value, numeric: true },
];

export function QueueWaits({ d, q }: SectionProps): JSX.Element {
  const k = d.queue;
  const rows = [
    { what: 'Ventetid, median', value: durationText(k.waitP50Seconds) },
    { what: 'Ventetid, 90. persentil (9 av 10 venta kortare)', value: durationText(k.waitP90Seconds) },
    { what: 'Gav opp i køen', value: countText(k.abandoned) },
    { what: 'Førespurnader om å bli kontakta', value: countText(k.callbacksLeft) },
    { what: 'Førespurnader som er følgde opp', value: countText(k.callbacksDone) },
  ];
  return (
    <Card id="ko" title="Kø og ventetid">
      <DataTable id="ko" caption="Kø og ventetid i perioden" columns={COLUMNS} rows={rows} csv={csvUrl('queue', q)} />
    </Card>
  );
}
