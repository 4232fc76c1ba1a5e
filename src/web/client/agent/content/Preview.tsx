// The answer as the customer's chat shows it: the widget's own bubble (Bubble) and renderer, in a
// shadow root with the widget's own style sheet, so nothing of the console's styles reaches it and
// what the editor sees is what the customer gets.
import { render, type JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { shadowFor } from '../../widget/shadow.js';
import { Bubble } from '../../widget/Widget.js';

export function ChatPreview({ text }: { text: string }): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const root = useRef<ShadowRoot | null>(null);
  useEffect(() => {
    if (!host.current) return;
    root.current ??= shadowFor(host.current);
    render(
      <div class="body preview">
        <ol class="log">
          <li class="msg bot">
            <span class="by">Chatboten</span>
            <Bubble author="bot" text={text} />
          </li>
        </ol>
      </div>,
      root.current,
    );
  }, [text]);
  useEffect(
    () => () => {
      if (root.current) render(null, root.current);
    },
    [],
  );
  return <div class="chat-preview" ref={host} />;
}
