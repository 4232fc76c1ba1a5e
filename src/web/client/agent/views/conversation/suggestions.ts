// The knowledge base's suggested answers for a conversation: what the bot understood first, then
// the best matches for the customer's last three messages. Asked again when either changes.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AdvisorMessage } from '../../../types.js';
import type { Boot } from '../../boot.js';
import type { ConsoleStore, Suggestion } from '../../store.js';

export function useSuggestions(store: ConsoleStore, messages: AdvisorMessage[], topic: string | null | undefined, boot: Boot): Suggestion[] {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const customerText = useMemo(
    () =>
      messages
        .filter((m) => m.author === 'customer')
        .slice(-3)
        .map((m) => m.text)
        .join('\n'),
    [messages],
  );
  useEffect(() => {
    let live = true;
    store
      .suggestions(customerText, topic && boot.topics[topic] ? topic : null)
      .then((list) => live && setSuggestions(list))
      .catch(() => setSuggestions([]));
    return () => {
      live = false;
    };
  }, [customerText, topic]);
  return suggestions;
}
