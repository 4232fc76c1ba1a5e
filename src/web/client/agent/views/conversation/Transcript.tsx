// The conversation as the advisor reads it: every message with who wrote it and when, what the
// bot understood under its answers, and "Kunden skriv …". Scrolls to the newest message.
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { renderMarkdown } from '../../../../markdown.js';
import { clockText } from '../../../format.js';
import type { AdvisorMessage } from '../../../types.js';
import type { Boot } from '../../boot.js';
import { intentLabels } from './labels.js';

export function Transcript({ id, messages, customerTyping, boot, meId }: { id: string; messages: AdvisorMessage[]; customerTyping: boolean; boot: Boot; meId: string }): JSX.Element {
  const log = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length, customerTyping]);
  return (
    <>
      <h3 id={`logg-${id}`}>Samtalen</h3>
      <ol class="log" ref={log} aria-labelledby={`logg-${id}`} tabIndex={0}>
        {messages.map((m) => (
          <li key={m.seq} class={`msg ${m.author}${m.urgent ? ' urgent' : ''}`}>
            <p class="by">
              {authorName(m, meId)} <span class="time">{clockText(m.createdAt)}</span>
            </p>
            {m.author === 'customer' || m.author === 'system' ? (
              <p class="text">{m.text}</p>
            ) : (
              <div class="text" dangerouslySetInnerHTML={{ __html: renderMarkdown(m.text) }} />
            )}
            <Understood m={m} boot={boot} />
          </li>
        ))}
        {customerTyping && (
          <li class="msg customer typing">
            <p class="by">Kunden skriv …</p>
          </li>
        )}
      </ol>
    </>
  );
}

function Understood({ m, boot }: { m: AdvisorMessage; boot: Boot }): JSX.Element | null {
  if (m.author !== 'bot') return null;
  const parts = [
    m.intent ? `forstod: ${intentLabels[m.intent] ?? m.intent}` : null,
    m.sources.length ? `svar frå «${m.sources.map((x) => boot.topics[x]?.title ?? x).join('», «')}»` : null,
    m.errorCodes.length ? `feilkodar ${m.errorCodes.map((x) => `BID-${x}`).join(', ')}` : null,
  ].filter(Boolean);
  return parts.length ? <p class="understood">Boten {parts.join(' · ')}</p> : null;
}

function authorName(m: AdvisorMessage, meId: string): string {
  switch (m.author) {
    case 'customer':
      return 'Kunden';
    case 'bot':
      return 'Chatboten';
    case 'advisor':
      return m.advisorId === meId ? 'Du' : 'Rådgjevar';
    case 'system':
      return 'System';
  }
}
