// Opening hours as the help page shows them: "Ope no – til kl. 22:00" or "Stengt – opnar i morgon
// kl. 07:00", and the week as a short list. The rules themselves live in src/chat/opening-hours.ts;
// this file only words them in nynorsk.
import { DateTime } from 'luxon';
import { dayKeys, hoursOn, isOpenAt, nextOpening, type Interval, type Schedule } from '../chat/opening-hours.js';

export interface HoursStatus {
  open: boolean;
  /** "Ope no – til kl. 22:00" or "Stengt – opnar måndag 28. desember kl. 07:00". */
  text: string;
  /** The next opening (closed) or closing (open), ISO; null when there is none within a year. */
  changesAt: string | null;
}

const dayNames: Record<(typeof dayKeys)[number], string> = {
  mon: 'måndag',
  tue: 'tysdag',
  wed: 'onsdag',
  thu: 'torsdag',
  fri: 'fredag',
  sat: 'laurdag',
  sun: 'sundag',
};

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const span = (intervals: readonly Interval[]) => intervals.map((iv) => `${clock(iv.from)}–${clock(iv.to)}`).join(' og ');
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "i dag kl. 07:00", "i morgon kl. 07:00" or "måndag 28. desember kl. 07:00", in the bank's zone. */
export function whenText(at: Date, now: Date, timeZone: string): string {
  const t = DateTime.fromJSDate(at, { zone: timeZone }).setLocale('nn');
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const days = Math.round(t.startOf('day').diff(today, 'days').days);
  const time = t.toFormat("'kl.' HH:mm");
  if (days === 0) return `i dag ${time}`;
  if (days === 1) return `i morgon ${time}`;
  return `${dayNames[dayKeys[t.weekday - 1]!]} ${t.toFormat('d. LLLL')} ${time}`;
}

export function hoursStatus(schedule: Schedule, now: Date): HoursStatus {
  if (isOpenAt(schedule, now)) {
    const local = DateTime.fromJSDate(now, { zone: schedule.timeZone });
    const minute = local.hour * 60 + local.minute;
    const current = hoursOn(schedule, local).find((iv) => iv.from <= minute && minute < iv.to);
    const closes = current ? local.startOf('day').plus({ minutes: current.to }) : null;
    return {
      open: true,
      text: current ? `Ope no – ${current.to === 24 * 60 ? 'til midnatt' : `til kl. ${clock(current.to)}`}` : 'Ope no',
      changesAt: closes?.toUTC().toISO() ?? null,
    };
  }
  const opens = nextOpening(schedule, now);
  return {
    open: false,
    text: opens ? `Stengt – opnar ${whenText(opens, now, schedule.timeZone)}` : 'Stengt',
    changesAt: opens?.toISOString() ?? null,
  };
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
