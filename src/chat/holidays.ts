// Norwegian public holidays from a maintained calendar (date-holidays), never a hand-written list.
// Only type "public" counts: Christmas Eve and New Year's Eve are "bank" days there, and a bank
// that keeps short hours on them says so with special days.
import Holidays from 'date-holidays';

/** Answers whether a local calendar date (YYYY-MM-DD) is a public holiday. */
export type HolidayCalendar = (isoDate: string) => boolean;

export function publicHolidays(country = 'NO'): HolidayCalendar {
  const hd = new Holidays(country);
  const byYear = new Map<number, Set<string>>();
  return (isoDate) => {
    const year = Number(isoDate.slice(0, 4));
    let dates = byYear.get(year);
    if (!dates) {
      // `date` is the local calendar date, e.g. "2027-03-25 00:00:00".
      dates = new Set(hd.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
      byYear.set(year, dates);
    }
    return dates.has(isoDate);
  };
}
