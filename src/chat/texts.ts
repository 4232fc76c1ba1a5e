// The chat service's own notices (queue, opening hours, hand-over), from the content pack's
// messages, so a bank words them its own way. The bot's answers come from the topics.
import { DateTime } from 'luxon';
import type { Messages } from '../content/index.js';

const minutes = (seconds: number) => Math.max(1, Math.round(seconds / 60));
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));

export interface ChatTexts {
  queued(position: number, waitSeconds: number): string;
  /** `now`: so an opening later today reads "i dag, …" and tomorrow's "i morgon, …". */
  closedHours(phone: string, opensAt: Date | null, timeZone: string, now: Date): string;
  callback(): string;
  claimed(name: string): string;
  transferred(): string;
  closed(): string;
  /** The conversation was closed because the customer had gone quiet (see abandon.ts). */
  abandoned(): string;
}

export function chatTexts(m: Messages): ChatTexts {
  return {
    queued: (position, waitSeconds) => fill(m.queued, { position, minutes: minutes(waitSeconds) }),
    closedHours: (phone, opensAt, timeZone, now) =>
      fill(m.closedHours, {
        phone,
        opensAt: opensAt ? fill(m.opensAt, { opensAt: openingWords(opensAt, now, timeZone) }) : '',
      }),
    callback: () => m.callback,
    claimed: (name) => fill(m.claimed, { name }),
    transferred: () => m.transferred,
    closed: () => m.closed,
    abandoned: () => m.abandoned,
  };
}

/** "i dag, onsdag 2. desember kl. 07:00", "i morgon, …", or just the day and time. */
export function openingWords(opensAt: Date, now: Date, timeZone: string): string {
  const at = DateTime.fromJSDate(opensAt, { zone: timeZone }).setLocale('nn');
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const days = Math.round(at.startOf('day').diff(today, 'days').days);
  const prefix = days === 0 ? 'i dag, ' : days === 1 ? 'i morgon, ' : '';
  return `${prefix}${at.toFormat("cccc d. LLLL 'kl.' HH:mm")}`;
}
