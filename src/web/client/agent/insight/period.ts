// The dashboard's period: Oslo calendar days written YYYY-MM-DD, as the service takes them. Pure
// functions of the day strings; "today" comes from the caller (the service's clock).

export interface Period {
  from: string;
  to: string;
}

/** The longest period the service answers, in days (src/server/routes/insight.ts). */
export const MAX_PERIOD_DAYS = 400;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const utc = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const text = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function isDay(v: string): boolean {
  return DAY.test(v) && text(utc(v)) === v;
}

export function addDays(day: string, n: number): string {
  return text(utc(day) + n * 86_400_000);
}

/** Days from `from` to `to`, both included. */
export function daySpan(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / 86_400_000) + 1;
}

/** Today in Oslo by `now`. */
export function osloToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export const presets = [
  { id: '7', label: 'Siste 7 dagar', period: (today: string): Period => ({ from: addDays(today, -6), to: today }) },
  { id: '30', label: 'Siste 30 dagar', period: (today: string): Period => ({ from: addDays(today, -29), to: today }) },
  { id: 'year', label: 'Siste år', period: (today: string): Period => ({ from: addDays(today, -364), to: today }) },
] as const;

/** What is wrong with a period typed into the form, in words; null when the service will take it. */
export function periodProblem(p: Period): string | null {
  if (!isDay(p.from)) return 'Skriv inn ein gyldig frå-dato.';
  if (!isDay(p.to)) return 'Skriv inn ein gyldig til-dato.';
  if (p.from > p.to) return 'Frå-datoen kan ikkje vere etter til-datoen.';
  if (daySpan(p.from, p.to) > MAX_PERIOD_DAYS) return `Perioden kan vere på høgst ${MAX_PERIOD_DAYS} dagar.`;
  return null;
}

/** The day as a UTC midnight timestamp in seconds, for the charts' time axis. */
export const daySeconds = (day: string): number => utc(day) / 1000;
