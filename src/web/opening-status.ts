// "Ope no – til kl. 22:00" or "Stengt – opnar i morgon kl. 07:00", worded from the next opening
// and closing at any moment. Shared by the server (the help page as rendered) and the page's
// script, which keeps the line true while the page stays open: it rewords it every minute and,
// once both changes it knows of have passed, asks GET /api/opening-hours again. No time library:
// Intl gives the date and time in the bank's zone, in the browser and in Node alike.

/** GET /api/opening-hours, and the data the help page embeds: ISO instants, null for "not within a year". */
export interface OpeningTimesJson {
  open: boolean;
  closesAt: string | null;
  opensAt: string | null;
  timeZone: string;
  /** The server's clock when these were read: a page corrects its own clock by the difference. */
  now: string;
}

export interface HoursStatus {
  open: boolean;
  /** "Ope no – til kl. 22:00" or "Stengt – opnar måndag 28. desember kl. 07:00". */
  text: string;
  /** The next change (closing when open, opening when closed), ISO; null when none is known. */
  changesAt: string | null;
  /** False once `now` is past every change the times know of: ask for new times. */
  current: boolean;
}

const dayNames = ['måndag', 'tysdag', 'onsdag', 'torsdag', 'fredag', 'laurdag', 'søndag'];
const monthNames = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];
const DAY_MS = 86_400_000;

interface Local {
  /** Days since 1970-01-01 of the local date: differences count calendar days. */
  dayNumber: number;
  weekday: number; // 0 = Monday
  day: number;
  month: number; // 1–12
  hour: number;
  minute: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The local date and time of `at` in `timeZone`. */
function local(at: Date, timeZone: string): Local {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    formats.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0 } = parts;
  const dayNumber = Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
  return { dayNumber, weekday: (((dayNumber + 3) % 7) + 7) % 7, day, month, hour: hour % 24, minute };
}

const clock = (l: Local) => `kl. ${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;

const dateText = (l: Local) => `${dayNames[l.weekday]} ${l.day}. ${monthNames[l.month - 1]}`;

/** "i dag kl. 07:00", "i morgon kl. 07:00" or "måndag 28. desember kl. 07:00", in the bank's zone. */
export function whenText(at: Date, now: Date, timeZone: string): string {
  const t = local(at, timeZone);
  const days = t.dayNumber - local(now, timeZone).dayNumber;
  if (days === 0) return `i dag ${clock(t)}`;
  if (days === 1) return `i morgon ${clock(t)}`;
  return `${dateText(t)} ${clock(t)}`;
}


/** "til kl. 22:00" today, "til midnatt" tonight, "til og med onsdag 23. desember", or "til i morgon kl. 02:00". */
function untilText(closes: Date, now: Date, timeZone: string): string {
  const c = local(closes, timeZone);
  const days = c.dayNumber - local(now, timeZone).dayNumber;
  if (days === 0) return `til ${clock(c)}`;
  if (c.hour === 0 && c.minute === 0) {
    // Open to the end of a day: tonight, or through a later day.
    return days === 1 ? 'til midnatt' : `til og med ${dateText(local(new Date(closes.getTime() - 60_000), timeZone))}`;
  }
  return `til ${whenText(closes, now, timeZone)}`;
}

/**
 * The status at `now` from times read earlier (`times`, read at some moment before `now`). The times
 * know two changes ahead, so one change may have passed: the status follows it.
 */
export function statusAt(times: OpeningTimesJson, now: Date): HoursStatus {
  const n = now.getTime();
  const closes = times.closesAt ? new Date(times.closesAt) : null;
  const opens = times.opensAt ? new Date(times.opensAt) : null;
  // Which of the two known changes has passed: the first (open ↔ closed once), or both.
  const [first, second] = times.open ? [closes, opens] : [opens, closes];
  const flipped = first !== null && n >= first.getTime();
  const current = !(flipped && second !== null && n >= second.getTime());
  const open = times.open !== flipped;
  const next = flipped ? second : first;
  const changesAt = next && next.getTime() > n ? next : null;
  const text = open
    ? changesAt
      ? `Ope no – ${untilText(changesAt, now, times.timeZone)}`
      : 'Ope no'
    : changesAt
      ? `Stengt – opnar ${whenText(changesAt, now, times.timeZone)}`
      : 'Stengt';
  return { open, text, changesAt: changesAt?.toISOString() ?? null, current };
}
