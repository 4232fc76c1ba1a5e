// Opening hours as data, and pure answers about them in the bank's time zone.
//
// Format: rules separated by ";", each "<days> <hours>":
//   mon-fri 07:00-22:00; sat-sun,holidays 10:00-18:00
//   mon-thu 08:00-11:30,12:00-16:00; fri 08:00-15:00; sat closed
// Days are mon … sun, ranges (fri-mon wraps), and "holidays" (Norwegian public holidays).
// A day that no rule names is closed; so are holidays when "holidays" is not named.
// Precedence on a date: a special day, then a public holiday, then the weekday.
import { DateTime } from 'luxon';
import { AppError } from './errors.js';
import type { HolidayCalendar } from './holidays.js';

export const dayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayKey = (typeof dayKeys)[number];
type DaySlot = DayKey | 'holidays';

/** Minutes since local midnight; `from` < `to` ≤ 1440. */
export interface Interval {
  from: number;
  to: number;
}

export type WeeklyHours = Record<DaySlot, Interval[]>;

export interface Schedule {
  weekly: WeeklyHours;
  /** Local dates (YYYY-MM-DD) with their own hours; an empty list means closed. */
  specialDays: ReadonlyMap<string, Interval[]>;
  timeZone: string;
  isHoliday: HolidayCalendar;
}

function fail(message: string): never {
  throw new AppError('ERR_OPENING_HOURS', `opening hours: ${message}`);
}

function parseTime(text: string, where: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) fail(`"${text}" in ${where} is not a time like 07:00`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) fail(`"${text}" in ${where} is not a time of day`);
  return h * 60 + min;
}

/** Parses "closed" or "07:00-11:30,12:00-16:00" into sorted, non-overlapping intervals. */
export function parseHours(text: string, where = 'hours'): Interval[] {
  const compact = text.replace(/\s+/g, '').toLowerCase();
  if (compact === 'closed') return [];
  if (compact === '') fail(`${where} has no hours (write "closed" for a closed day)`);
  const intervals = compact.split(',').map((part) => {
    const [a, b, ...rest] = part.split('-');
    if (a === undefined || b === undefined || rest.length) fail(`"${part}" in ${where} is not a range like 07:00-22:00`);
    const from = parseTime(a, where);
    const to = parseTime(b, where);
    if (from >= to) fail(`"${part}" in ${where} ends before it starts (hours past midnight are not supported)`);
    return { from, to };
  });
  intervals.sort((x, y) => x.from - y.from);
  for (let i = 1; i < intervals.length; i++) {
    if (intervals[i]!.from < intervals[i - 1]!.to) fail(`the ranges in ${where} overlap`);
  }
  return intervals;
}

function expandDays(text: string, where: string): DaySlot[] {
  return text.split(',').flatMap((item): DaySlot[] => {
    if (item === 'holidays' || item === 'holiday') return ['holidays'];
    const [a, b, ...rest] = item.split('-');
    const start = dayKeys.indexOf(a as DayKey);
    const end = b === undefined ? start : dayKeys.indexOf(b as DayKey);
    if (start < 0 || end < 0 || rest.length) fail(`"${item}" in ${where} is not a day (mon … sun, a range like mon-fri, or holidays)`);
    const days: DayKey[] = [];
    for (let i = start; ; i = (i + 1) % 7) {
      days.push(dayKeys[i]!);
      if (i === end) break;
    }
    return days;
  });
}

export function emptyWeek(): WeeklyHours {
  return { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], holidays: [] };
}

/** Parses the weekly format above; errors say which rule is wrong and why. */
export function parseOpeningHours(text: string): WeeklyHours {
  const week = emptyWeek();
  const seen = new Map<DaySlot, number>();
  const rules = text.split(';').map((r) => r.trim());
  if (rules.every((r) => r === '')) fail('no rules (example: "mon-fri 07:00-22:00; sat-sun,holidays 10:00-18:00")');
  rules.forEach((rule, i) => {
    if (rule === '') return;
    const where = `rule ${i + 1} ("${rule}")`;
    const m = /^(.*?)\s+((?:closed|\d).*)$/i.exec(rule);
    if (!m) fail(`${where} needs days and hours, like "mon-fri 07:00-22:00"`);
    const days = expandDays(m[1]!.replace(/\s+/g, '').toLowerCase(), where);
    const hours = parseHours(m[2]!, where);
    for (const day of days) {
      const earlier = seen.get(day);
      if (earlier !== undefined) fail(`${day} is given in rule ${earlier} and again in ${where}`);
      seen.set(day, i + 1);
      week[day] = hours;
    }
  });
  return week;
}

function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function formatHours(intervals: readonly Interval[]): string {
  return intervals.length ? intervals.map((iv) => `${formatTime(iv.from)}-${formatTime(iv.to)}`).join(',') : 'closed';
}

/** The canonical text of a week: one rule per open slot. `parseOpeningHours` reads it back. */
export function formatOpeningHours(week: WeeklyHours): string {
  const slots: DaySlot[] = [...dayKeys, 'holidays'];
  const rules = slots.filter((s) => week[s].length).map((s) => `${s} ${formatHours(week[s])}`);
  return rules.length ? rules.join('; ') : 'mon-sun closed';
}

export interface ScheduleSource {
  openingHours: string;
  timeZone: string;
  specialDays: readonly { date: string; hours: string }[];
}

export function buildSchedule(source: ScheduleSource, isHoliday: HolidayCalendar): Schedule {
  if (!DateTime.local().setZone(source.timeZone).isValid) fail(`unknown time zone "${source.timeZone}"`);
  const specialDays = new Map<string, Interval[]>();
  for (const day of source.specialDays) specialDays.set(day.date, parseHours(day.hours, `special day ${day.date}`));
  return { weekly: parseOpeningHours(source.openingHours), specialDays, timeZone: source.timeZone, isHoliday };
}

/** The hours that apply on one local date: special day, then holiday, then weekday. */
export function hoursOn(schedule: Schedule, day: DateTime): Interval[] {
  const iso = day.toISODate() ?? '';
  const special = schedule.specialDays.get(iso);
  if (special) return special;
  if (schedule.isHoliday(iso)) return schedule.weekly.holidays;
  return schedule.weekly[dayKeys[day.weekday - 1]!];
}

export function isOpenAt(schedule: Schedule, instant: Date): boolean {
  const local = DateTime.fromJSDate(instant, { zone: schedule.timeZone });
  const minute = local.hour * 60 + local.minute + local.second / 60;
  return hoursOn(schedule, local).some((iv) => iv.from <= minute && minute < iv.to);
}

/** How far ahead `nextOpening` looks before it answers that the centre never opens. */
const LOOKAHEAD_DAYS = 400;

/** The first instant at or after `instant` when the centre is open; `instant` itself when open now. */
export function nextOpening(schedule: Schedule, instant: Date): Date | null {
  if (isOpenAt(schedule, instant)) return instant;
  const today = DateTime.fromJSDate(instant, { zone: schedule.timeZone }).startOf('day');
  for (let d = 0; d < LOOKAHEAD_DAYS; d++) {
    const day = today.plus({ days: d });
    for (const iv of hoursOn(schedule, day)) {
      // In the spring-forward gap luxon moves a local time forward by an hour, which is what a
      // person reading the clock would expect.
      const start = day.set({ hour: Math.floor(iv.from / 60), minute: iv.from % 60 });
      if (start.toMillis() > instant.getTime()) return start.toJSDate();
    }
  }
  return null;
}

/**
 * The first instant at or after `instant` when the centre is closed; `instant` itself when closed
 * now; null when it stays open for the whole look-ahead. Intervals that meet (22:00–24:00, then
 * 00:00–02:00 the next day) are one opening: the centre closes at 02:00, not at midnight.
 */
export function nextClosing(schedule: Schedule, instant: Date): Date | null {
  if (!isOpenAt(schedule, instant)) return instant;
  const now = instant.getTime();
  const today = DateTime.fromJSDate(instant, { zone: schedule.timeZone }).startOf('day');
  let closes: number | null = null;
  for (let d = 0; d < LOOKAHEAD_DAYS; d++) {
    const day = today.plus({ days: d });
    for (const iv of hoursOn(schedule, day)) {
      const start = day.set({ hour: Math.floor(iv.from / 60), minute: iv.from % 60 }).toMillis();
      const end = (iv.to === 24 * 60 ? day.plus({ days: 1 }).startOf('day') : day.set({ hour: Math.floor(iv.to / 60), minute: iv.to % 60 })).toMillis();
      if (end <= now) continue; // over already
      if (closes === null || start === closes) closes = end; // the opening we are in, or one that carries it on
      else return new Date(closes);
    }
  }
  return null;
}

/** When the centre next opens and next closes, seen from `instant` (null: not within the look-ahead). */
export interface OpeningTimes {
  open: boolean;
  /** The next closing: the end of this opening when open, of the next one when closed. */
  closesAt: Date | null;
  /** The next opening: after this closing when open, the coming one when closed. */
  opensAt: Date | null;
}

/**
 * Whether the centre is open at `instant`, and the next two changes: enough for a page to keep
 * saying "open now" or "closed — opens …" correctly until both have passed.
 */
export function openingTimes(schedule: Schedule, instant: Date): OpeningTimes {
  if (isOpenAt(schedule, instant)) {
    const closesAt = nextClosing(schedule, instant);
    return { open: true, closesAt, opensAt: closesAt ? nextOpening(schedule, closesAt) : null };
  }
  const opensAt = nextOpening(schedule, instant);
  return { open: false, opensAt, closesAt: opensAt ? nextClosing(schedule, opensAt) : null };
}
