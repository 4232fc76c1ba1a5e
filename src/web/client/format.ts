// Small nynorsk wording helpers shared by the widget and the console.

export function minutesText(seconds: number): string {
  const m = Math.max(1, Math.round(seconds / 60));
  return `${m} minutt`;
}

/** "2 min", "1 t 5 min": how long since `iso`, for waiting times. */
export function sinceText(iso: string, now: number): string {
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} t ${m % 60} min`;
}

/** "kl. 14:05" in the browser's zone. */
export function clockText(iso: string): string {
  const d = new Date(iso);
  return `kl. ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * The Oslo opening as "måndag 30. november kl. 07:00", with "i dag, " or "i morgon, " before it
 * when `nowIso` (the service's clock) is that day or the day before.
 */
export function openingText(iso: string, nowIso?: string): string {
  const d = new Date(iso);
  const fmt = (o: Intl.DateTimeFormatOptions, at = d) => new Intl.DateTimeFormat('nn-NO', { timeZone: 'Europe/Oslo', ...o }).format(at);
  const day = (at: Date) => fmt({ year: 'numeric', month: '2-digit', day: '2-digit' }, at);
  let prefix = '';
  if (nowIso) {
    const now = new Date(nowIso);
    if (day(now) === day(d)) prefix = 'i dag, ';
    else if (day(new Date(now.getTime() + 86_400_000)) === day(d)) prefix = 'i morgon, ';
  }
  return `${prefix}${fmt({ weekday: 'long' })} ${fmt({ day: 'numeric', month: 'long' })} kl. ${fmt({ hour: '2-digit', minute: '2-digit', hour12: false })}`;
}
