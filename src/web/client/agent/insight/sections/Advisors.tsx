// The advisors: how many conversations each handled, and how long one took (the median).
import type { JSX } from 'preact';
import { csvUrl } from '../api.js';
import { Card } from '../Card.js';
import { DataTable, type Column } from '../DataTable.js';
import { countText, durationText } from '../format.js';
import type { SectionProps } from './props.js';

const COLUMNS: Column<SectionProps['d']['advisors'][number]>[] = [
  { header: 'Rådgjevar', cell: (a) => a.name, rowHeader: true },
  { header: 'Samtalar', cell: (a) => countText(a.conversations), numeric: true },
  { header: 'Handsamingstid (median)', cell: (a) => durationText(a.handleP50Seconds), numeric: true },
];

export function Advisors({ d, q }: SectionProps): JSX.Element {
  return (
    <Card id="radgjevarar" title="Rådgjevarar">
      <DataTable id="radgjevarar" caption="Samtalar per rådgjevar og handsamingstid" columns={COLUMNS} rows={d.advisors} csv={csvUrl('advisors', q)} empty="Ingen samtalar hos rådgjevarar i perioden." />
    </Card>
  );
}
