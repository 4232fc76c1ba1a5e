// The console's side column: the waiting queue, the advisor's own conversations, and the
// callback requests.
import type { JSX, RefObject } from 'preact';
import type { Boot } from '../boot.js';
import type { ConsoleState, ConsoleStore } from '../store.js';
import { Callbacks } from './queue/Callbacks.js';
import { Mine } from './queue/Mine.js';
import { Waiting } from './queue/Waiting.js';

export function Queue({ store, s, boot, headingRef }: { store: ConsoleStore; s: ConsoleState; boot: Boot; headingRef: RefObject<HTMLHeadingElement | null> }): JSX.Element {
  const open = (id: string) => store.openTab(id);
  return (
    <aside class="side">
      <Waiting
        waiting={s.queue.filter((c) => c.state === 'queued')}
        arrivals={s.arrivals}
        boot={boot}
        headingRef={headingRef}
        onClaim={(id) => void store.claim(id)}
      />
      <Mine mine={s.queue.filter((c) => c.state === 'advisor')} boot={boot} onOpen={open} />
      <Callbacks callbacks={s.callbacks} onOpen={open} onDone={(id) => void store.callbackDone(id)} />
    </aside>
  );
}
