// The widget's one script tag:
//   <script src="https://bank.example/assets/widget.js" defer></script>
// Options on the tag: data-mount="#selector" renders the chat inside that element (the help page);
// without it a "Chat med oss" button opens a floating panel. data-greeting overrides the greeting.
// The API is the script's own origin. Styles live in a shadow root, so neither page nor widget
// can restyle the other.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ChatClient, localStore } from './chat.js';
import { shadowFor } from './shadow.js';
import { Widget } from './Widget.js';

const DEFAULT_GREETING = 'Hei! Skriv spørsmålet ditt eller feilmeldinga du har fått, til dømes «BID-14B1», så skal eg hjelpe deg.';

/** The event the help page's error field sends to ask the chat: detail {text}. */
export const ASK_EVENT = 'kundesenter:ask';

function Floating({ client, greeting }: { client: ChatClient; greeting: string }) {
  const [open, setOpen] = useState(() => client.view.messages.length > 0 && client.view.state !== 'closed');
  const wrap = useRef<HTMLDivElement>(null);
  const launcher = useRef<HTMLButtonElement>(null);
  const toggled = useRef(false);
  // Focus follows the panel: into the message field on open, back to the button on close.
  useEffect(() => {
    if (!toggled.current) return;
    if (open) wrap.current?.querySelector<HTMLTextAreaElement>('textarea')?.focus();
    else launcher.current?.focus();
  }, [open]);
  const show = (next: boolean) => {
    toggled.current = true;
    setOpen(next);
  };
  useEffect(() => client.subscribe((v) => v.messages.length && v.state !== 'closed' && setOpen(true)), [client]);
  useEffect(() => {
    if (!open) return;
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && show(false);
    document.addEventListener('keydown', esc);
    return () => document.removeEventListener('keydown', esc);
  }, [open]);
  return (
    <div class="floating">
      {open ? (
        <div class="panel-wrap" ref={wrap}>
          <Widget client={client} greeting={greeting} headingLevel={2} onClose={() => show(false)} />
        </div>
      ) : (
        <button type="button" class="launcher" ref={launcher} onClick={() => show(true)}>
          Chat med oss
        </button>
      )}
    </div>
  );
}

// Set only while this script runs, so read it now, before any waiting.
const self = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');

function boot(): void {
  const script = self;
  const base = script?.src ? new URL(script.src).origin : location.origin;
  const mountSelector = script?.dataset['mount'];
  const target = mountSelector ? document.querySelector<HTMLElement>(mountSelector) : null;
  const greeting = script?.dataset['greeting'] ?? target?.dataset['greeting'] ?? DEFAULT_GREETING;
  const client = new ChatClient(base, localStore());

  let host: HTMLElement;
  if (target) {
    host = document.createElement('div');
    host.className = 'kundesenter-chat-host';
    target.replaceChildren(host);
    render(<Widget client={client} greeting={greeting} headingLevel={3} />, shadowFor(host));
  } else {
    host = document.createElement('div');
    host.className = 'kundesenter-chat-host';
    document.body.append(host);
    render(<Floating client={client} greeting={greeting} />, shadowFor(host));
  }

  document.addEventListener(ASK_EVENT, (e) => {
    const text = (e as CustomEvent<{ text?: string }>).detail?.text;
    if (!text) return;
    void client.send(text);
    host.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  });
  document.documentElement.dataset['kundesenterChat'] = 'ready';
  void client.start();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
