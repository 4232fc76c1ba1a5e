// The advisor console at /agent.
import { render } from 'preact';
import { armAudio, beep, beeps } from './beep.js';
import { readBoot } from './boot.js';
import { App } from './Console.js';
import { ConsoleStore } from './store.js';

const boot = readBoot();
armAudio();
const store = new ConsoleStore(location.origin, {
  onArrival: () => {
    beeps.count++;
    beep();
  },
});
(window as unknown as { kundesenterBeeps: typeof beeps }).kundesenterBeeps = beeps;
render(<App store={store} boot={boot} go={(path) => location.assign(path)} />, document.getElementById('konsoll')!);
// The insight page links to a conversation as /agent?samtale=<id>.
const asked = new URLSearchParams(location.search).get('samtale');
void store.start(asked && /^[0-9a-f-]{36}$/i.test(asked) ? asked : null);
