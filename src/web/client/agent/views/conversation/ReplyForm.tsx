// The advisor's reply to the customer: suggestions to insert, the text box (Ctrl + Enter sends),
// and "Send svar". Shown once the conversation is the advisor's, with focus in the box.
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Boot } from '../../boot.js';
import type { ConsoleStore, Suggestion } from '../../store.js';
import { Suggestions } from './Suggestions.js';

export function ReplyForm({
  store,
  id,
  boot,
  suggestions,
  reply,
  setReply,
}: {
  store: ConsoleStore;
  id: string;
  boot: Boot;
  suggestions: Suggestion[];
  /** The draft, kept by the panel. */
  reply: string;
  setReply: (text: string) => void;
}): JSX.Element {
  const replyBox = useRef<HTMLTextAreaElement>(null);
  // Having taken the conversation, the advisor writes next: the reply box gets focus and comes into view.
  useEffect(() => {
    replyBox.current?.focus();
    replyBox.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const send = async (e: Event) => {
    e.preventDefault();
    const t = reply.trim();
    if (!t) return;
    if (await store.reply(id, t)) setReply('');
  };
  return (
    <form class="reply" onSubmit={send}>
      <Suggestions
        id={id}
        suggestions={suggestions}
        boot={boot}
        onInsert={(answer) => {
          setReply(answer);
          replyBox.current?.focus();
        }}
      />
      <label for={`svar-${id}`}>Svar til kunden</label>
      <textarea
        id={`svar-${id}`}
        ref={replyBox}
        rows={4}
        maxLength={4000}
        value={reply}
        onInput={(e) => {
          setReply(e.currentTarget.value);
          store.typing(id);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send(e);
        }}
        aria-describedby={`svar-hjelp-${id}`}
      />
      <p id={`svar-hjelp-${id}`} class="hint">
        Ctrl + Enter sender.
      </p>
      <button type="submit" class="primary">
        Send svar
      </button>
    </form>
  );
}
