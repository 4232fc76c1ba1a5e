// A conversation's title and facts, and what the advisor can do with it: take it, send it back,
// close it, or close the tab.
import type { JSX } from 'preact';
import { clockText } from '../../../format.js';
import type { ConversationView } from '../../../types.js';
import type { ConsoleStore } from '../../store.js';
import { CloseForm } from './CloseForm.js';
import { stateLabels } from './labels.js';

export function ConversationHeader({ store, v, title, mine }: { store: ConsoleStore; v: ConversationView; title: string; mine: boolean }): JSX.Element {
  const id = v.id;
  return (
    <header class="conv-head">
      <div>
        <h2>{title}</h2>
        <p class="facts">
          <span class={`badge state-${v.state}`}>{stateLabels[v.state]}</span>
          {v.urgent && <span class="badge urgent">Hastar</span>}
          {v.errorCodes.length > 0 && <span>Feilkodar: {v.errorCodes.map((x) => `BID-${x}`).join(', ')}</span>}
          <span>Starta {clockText(v.createdAt)}</span>
        </p>
      </div>
      <div class="conv-actions">
        {v.state === 'queued' && (
          <button type="button" class="primary" onClick={() => void store.claim(id)}>
            Ta samtalen
          </button>
        )}
        {mine && (
          <button type="button" onClick={() => void store.transfer(id)}>
            Send tilbake til køen
          </button>
        )}
        {(mine || v.state === 'queued') && <CloseForm id={id} onClose={(outcome) => void store.close(id, outcome)} />}
        <button type="button" class="ghost-dark" onClick={() => store.closeTab(id)}>
          Lukk fana
        </button>
      </div>
    </header>
  );
}
