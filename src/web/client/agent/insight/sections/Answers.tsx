// The answers customers said helped or did not ("Hjelpte dette svaret?"), the worst first.
import type { JSX } from 'preact';
import { topicTitle } from '../../boot.js';
import { csvUrl } from '../api.js';
import { Card } from '../Card.js';
import { DataTable } from '../DataTable.js';
import { countText, percentText } from '../format.js';
import type { SectionProps } from './props.js';

export function Answers({ d, q, boot }: SectionProps): JSX.Element {
  return (
    <Card id="svar" title="Svar med tilbakemelding">
      <DataTable
        id="svar"
        caption="Svar kundane sa hjelpte eller ikkje hjelpte, dei dårlegaste først"
        columns={[
          { header: 'Emne', cell: (a) => (boot.topics[a.topicId] ? topicTitle(boot, a.topicId) : a.topicId), rowHeader: true },
          { header: 'Hjelpte', cell: (a) => countText(a.yes), numeric: true },
          { header: 'Hjelpte ikkje', cell: (a) => countText(a.no), numeric: true },
          { header: 'Del «hjelpte ikkje»', cell: (a) => percentText(a.noRate), numeric: true },
        ]}
        rows={d.answers}
        csv={csvUrl('answers', q)}
        empty="Ingen tilbakemeldingar på svar i perioden."
      />
    </Card>
  );
}
