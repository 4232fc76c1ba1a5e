// The open conversations as tabs (the arrow keys, Home and End move between them), each with its
// panel.
import type { JSX } from 'preact';
import { useRef } from 'preact/hooks';
import { topicTitle, type Boot } from '../boot.js';
import type { ConsoleState, ConsoleStore } from '../store.js';
import { ConversationPanel } from './conversation/ConversationPanel.js';

export function Tabs({ store, s, boot }: { store: ConsoleStore; s: ConsoleState; boot: Boot }): JSX.Element {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const keyDown = (e: KeyboardEvent, i: number) => {
    const n = s.tabs.length;
    const to = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    const id = s.tabs[to]!;
    store.activate(id);
    refs.current[id]?.focus();
  };
  return (
    <div class="tabs">
      <div role="tablist" aria-label="Opne samtalar" class="tablist">
        {s.tabs.map((id, i) => {
          const c = s.open[id];
          const selected = s.active === id;
          return (
            <div class={`tab-wrap${selected ? ' selected' : ''}`} key={id}>
              <button
                type="button"
                role="tab"
                id={`fane-${id}`}
                ref={(el) => {
                  refs.current[id] = el;
                }}
                aria-selected={selected}
                aria-controls={`panel-${id}`}
                tabIndex={selected ? 0 : -1}
                onClick={() => store.activate(id)}
                onKeyDown={(e) => keyDown(e, i)}
              >
                {c?.view?.urgent && <span class="badge urgent">Hastar</span>} {topicTitle(boot, c?.view?.topic ?? null)}
                {c?.customerTyping && <span class="visually-hidden"> (kunden skriv)</span>}
              </button>
            </div>
          );
        })}
      </div>
      {s.tabs.map((id) => {
        const c = s.open[id];
        return c ? (
          <section key={id} role="tabpanel" id={`panel-${id}`} aria-labelledby={`fane-${id}`} hidden={s.active !== id} class="panel">
            <ConversationPanel store={store} c={c} boot={boot} meId={s.me!.id} />
          </section>
        ) : null;
      })}
    </div>
  );
}
