// Opening hours as the help page shows them: "Ope no – til kl. 22:00" or "Stengt – opnar i morgon
// kl. 07:00" (worded in opening-status.ts, which the page's script shares), and the week as a short
// list. The rules themselves live in src/chat/opening-hours.ts; this file only words them in nynorsk.
import { DateTime } from 'luxon';
import { dayKeys, openingTimes, type Interval, type Schedule } from '../chat/opening-hours.js';
import { statusAt, type HoursStatus, type OpeningTimesJson } from './opening-status.js';

export { whenText, type HoursStatus } from './opening-status.js';

const dayNames: Record<(typeof dayKeys)[number], string> = {
  mon: 'måndag',
  tue: 'tysdag',
  wed: 'onsdag',
  thu: 'torsdag',
  fri: 'fredag',
  sat: 'laurdag',
  sun: 'søndag',
};

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const span = (intervals: readonly Interval[]) => intervals.map((iv) => `${clock(iv.from)}–${clock(iv.to)}`).join(' og ');
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The next opening and closing as JSON: GET /api/opening-hours, and what the help page embeds. */
export function openingTimesJson(schedule: Schedule, now: Date): OpeningTimesJson {
  const t = openingTimes(schedule, now);
  return {
    open: t.open,
    closesAt: t.closesAt?.toISOString() ?? null,
    opensAt: t.opensAt?.toISOString() ?? null,
    timeZone: schedule.timeZone,
    now: now.toISOString(),
  };
}

export function hoursStatus(schedule: Schedule, now: Date): HoursStatus {
  return statusAt(openingTimesJson(schedule, now), now);
}

/** The week as lines like "Måndag–fredag: 07:00–22:00", consecutive days with equal hours joined. */
export function weekLines(schedule: Schedule): string[] {
  const lines: string[] = [];
  let i = 0;
  while (i < dayKeys.length) {
    const hours = schedule.weekly[dayKeys[i]!];
    let j = i;
    while (j + 1 < dayKeys.length && span(schedule.weekly[dayKeys[j + 1]!]) === span(hours)) j++;
    const days = i === j ? dayNames[dayKeys[i]!] : `${dayNames[dayKeys[i]!]}–${dayNames[dayKeys[j]!]}`;
    lines.push(`${capital(days)}: ${hours.length ? span(hours) : 'stengt'}`);
    i = j + 1;
  }
  const holidays = schedule.weekly.holidays;
  lines.push(`Heilagdagar: ${holidays.length ? span(holidays) : 'stengt'}`);
  return lines;
}

/** Special days from today and `days` ahead, e.g. "Julaftan 24. desember: 09:00–12:00". */
export function upcomingSpecialDays(
  schedule: Schedule,
  notes: ReadonlyMap<string, string>,
  now: Date,
  days = 45,
): string[] {
  const today = DateTime.fromJSDate(now, { zone: schedule.timeZone }).startOf('day');
  const out: string[] = [];
  for (const [iso, intervals] of [...schedule.specialDays].sort(([a], [b]) => a.localeCompare(b))) {
    const day = DateTime.fromISO(iso, { zone: schedule.timeZone }).setLocale('nn');
    const ahead = day.diff(today, 'days').days;
    if (ahead < 0 || ahead > days) continue;
    const note = notes.get(iso);
    out.push(`${note ? `${note} ` : ''}${day.toFormat('d. LLLL')}: ${intervals.length ? span(intervals) : 'stengt'}`);
  }
  return out;
}
