// Figures as the dashboard writes them, in nynorsk: "1 234", "41,7 %", "2 min 10 s", "10. mars 2026".

const integer = new Intl.NumberFormat('nn-NO');
const decimal = new Intl.NumberFormat('nn-NO', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('nn-NO', { style: 'percent', maximumFractionDigits: 1 });
const longDay = new Intl.DateTimeFormat('nn-NO', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const shortDay = new Intl.DateTimeFormat('nn-NO', { timeZone: 'UTC', day: 'numeric', month: 'short' });
const when = new Intl.DateTimeFormat('nn-NO', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'short' });
const utcDate = (day: string) => new Date(`${day}T00:00:00Z`);

export const countText = (n: number): string => integer.format(n);
export const decimalText = (n: number): string => decimal.format(n);
export const percentText = (share: number): string => percent.format(share);
/** "10. mars 2026" for a day written YYYY-MM-DD. */
export const dayText = (day: string): string => longDay.format(utcDate(day));
/** "10. mars", for a chart's axis. */
export const shortDayText = (day: string): string => shortDay.format(utcDate(day));
/** An instant in Oslo: "10.03.2026, 14:17". */
export const whenText = (iso: string): string => when.format(new Date(iso));
/** "kl. 08–09" for the hour 8. */
export const hourText = (hour: number): string => `kl. ${String(hour).padStart(2, '0')}–${String((hour + 1) % 24).padStart(2, '0')}`;

/** "20 s", "2 min 10 s", "1 t 5 min"; "–" when there is nothing to measure. */
export function durationText(seconds: number | null): string {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return m % 60 ? `${Math.floor(m / 60)} t ${m % 60} min` : `${Math.floor(m / 60)} t`;
}
