// The advisor console at /agent.
import { render } from 'preact';
import { armAudio, beep, beeps } from './beep.js';
import { App, type Boot } from './Console.js';
import { ConsoleStore } from './store.js';

const boot = JSON.parse(document.getElementById('konsoll-data')?.textContent ?? '{}') as Boot;
armAudio();
const store = new ConsoleStore(location.origin, {
  onArrival: () => {
    beeps.count++;
    beep();
  },
});
(window as unknown as { kundesenterBeeps: typeof beeps }).kundesenterBeeps = beeps;
render(<App store={store} boot={boot} />, document.getElementById('konsoll')!);
void store.start();
