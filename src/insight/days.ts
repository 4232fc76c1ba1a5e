// Calendar days in Europe/Oslo, the bank's time zone: what a "day" and an "hour" of the dashboard
// are. Days are 'YYYY-MM-DD' strings (text order is time order); instants are ISO 8601 in UTC,
// as the database stores them.
import { DateTime } from 'luxon';

export const TIME_ZONE = 'Europe/Oslo';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as UTC midnight (ms): day arithmetic is the same in every zone. */
function utcMidnight(day: string): number {
  if (!isDay(day)) throw new Error(`not a day "${day}": write it YYYY-MM-DD`);
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}
const DAY_MS = 86_400_000;
const dayOf = (utcMs: number) => new Date(utcMs).toISOString().slice(0, 10);

/** True for a real calendar day written 'YYYY-MM-DD' (not 2026-02-30). */
export function isDay(s: string): boolean {
  if (!DAY.test(s)) return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  const at = new Date(Date.UTC(y, m - 1, d));
  return y >= 1000 && at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

/** The Oslo calendar day an instant falls on. */
export function osloDay(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return DateTime.fromMillis(ms, { zone: TIME_ZONE }).toISODate()!;
}

const HOUR_MS = 3_600_000;
/** Oslo's hour for each UTC hour asked (Oslo's offset is whole hours): a day's rollup asks ~25. */
const hours = new Map<number, number>();

/** The Oslo hour (0–23) an instant falls in. */
export function osloHour(instant: string): number {
  const utcHour = Math.floor(Date.parse(instant) / HOUR_MS);
  let hour = hours.get(utcHour);
  if (hour === undefined) {
    if (hours.size > 10_000) hours.clear();
    hours.set(utcHour, (hour = DateTime.fromMillis(utcHour * HOUR_MS, { zone: TIME_ZONE }).hour));
  }
  return hour;
}

/** The day's instants as stored: [start, end) in UTC ISO 8601; 23 or 25 hours on a DST change. */
export function dayRange(day: string): { start: string; end: string } {
  utcMidnight(day); // validates
  const start = DateTime.fromISO(day, { zone: TIME_ZONE }).startOf('day');
  return { start: new Date(start.toMillis()).toISOString(), end: new Date(start.plus({ days: 1 }).toMillis()).toISOString() };
}

export function addDays(day: string, n: number): string {
  return dayOf(utcMidnight(day) + n * DAY_MS);
}

/** Days from `from` to `to`, both included; 1 when they are the same day. */
export function daySpan(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS) + 1;
}

/** Every day from `from` to `to`, both included, in order. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = utcMidnight(from), end = utcMidnight(to); t <= end; t += DAY_MS) out.push(dayOf(t));
  return out;
}
