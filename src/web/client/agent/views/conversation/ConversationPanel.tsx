// One open conversation: its header, the customer's identity and orders, callback requests, the
// transcript with the reply form, and the internal notes.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { topicTitle, type Boot } from '../../boot.js';
import type { ConsoleStore, OpenConversation } from '../../store.js';
import { CallbackBox } from './CallbackBox.js';
import { ConversationHeader } from './ConversationHeader.js';
import { IdentityPanel } from './IdentityPanel.js';
import { Notes } from './Notes.js';
import { ReplyForm } from './ReplyForm.js';
import { useSuggestions } from './suggestions.js';
import { Transcript } from './Transcript.js';

export function ConversationPanel({ store, c, boot, meId }: { store: ConsoleStore; c: OpenConversation; boot: Boot; meId: string }): JSX.Element {
  const v = c.view;
  const id = c.id;
  // The draft outlives the reply form, which shows only while the conversation is this advisor's.
  const [reply, setReply] = useState('');
  const suggestions = useSuggestions(store, c.messages, v?.topic, boot);

  if (!v) return <p role="status">{c.error ?? 'Lastar samtalen …'}</p>;
  const mine = v.state === 'advisor' && v.advisorId === meId;
  return (
    <>
      <ConversationHeader store={store} v={v} title={topicTitle(boot, v.topic)} mine={mine} />
      {c.error && (
        <p class="error" role="alert">
          {c.error}
        </p>
      )}
      {c.details && <IdentityPanel store={store} id={id} details={c.details} mine={mine} />}
      <CallbackBox callbacks={c.callbacks} />
      <div class="conv-body">
        <div class="transcript">
          <Transcript id={id} messages={c.messages} customerTyping={c.customerTyping} boot={boot} meId={meId} />
          {mine ? (
            <ReplyForm store={store} id={id} boot={boot} suggestions={suggestions} reply={reply} setReply={setReply} />
          ) : (
            v.state !== 'closed' && <p class="hint">Ta samtalen for å svare kunden.</p>
          )}
        </div>
        <Notes store={store} id={id} notes={c.notes} />
      </div>
    </>
  );
}
