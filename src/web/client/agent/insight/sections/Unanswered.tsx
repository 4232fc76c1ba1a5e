// What customers asked that the assistant had no answer to, most asked first, each with one
// conversation it was asked in (for admins, a link that opens it in the console).
import type { JSX } from 'preact';
import { csvUrl } from '../api.js';
import { Card } from '../Card.js';
import { DataTable, type Column } from '../DataTable.js';
import { countText } from '../format.js';
import { conversationHref, type SectionProps } from './props.js';

type Row = SectionProps['d']['unanswered'][number];

export function Unanswered({ d, q, opensConversations }: SectionProps): JSX.Element {
  const columns: Column<Row>[] = [
    { header: 'Spørsmål', cell: (r) => r.text, rowHeader: true },
    { header: 'Gonger', cell: (r) => countText(r.count), numeric: true },
  ];
  if (opensConversations)
    columns.push({
      header: 'Døme',
      cell: (r) =>
        r.exampleConversationId ? (
          <a href={conversationHref(r.exampleConversationId)}>
            Opne samtalen<span class="visually-hidden"> der kunden spurde «{r.text}»</span>
          </a>
        ) : (
          'Sletta'
        ),
    });
  return (
    <Card id="utan-svar" title="Spørsmål utan svar" wide>
      <p class="hint">Spørsmål som boten ikkje hadde svar på, eller der kunden sa at svaret ikkje hjelpte. Like spørsmål er slegne saman.</p>
      <DataTable id="utan-svar" caption="Spørsmål utan svar, dei vanlegaste først" columns={columns} rows={d.unanswered} csv={csvUrl('unanswered', q)} empty="Ingen spørsmål utan svar i perioden." />
    </Card>
  );
}
