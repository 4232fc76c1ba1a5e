import type { Dashboard } from '../../../types.js';
import type { Boot } from '../../boot.js';
import type { InsightQuery } from '../api.js';

/** What every part of the dashboard is drawn from. */
export interface SectionProps {
  d: Dashboard;
  /** The period and language shown, for the CSV links. */
  q: InsightQuery;
  boot: Boot;
  /** May open a conversation in the console (admins; analysts read figures only). */
  opensConversations: boolean;
}

/** The console's address that opens one conversation in a tab. */
export const conversationHref = (id: string): string => `/agent?samtale=${encodeURIComponent(id)}`;
