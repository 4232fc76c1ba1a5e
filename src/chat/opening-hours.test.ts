import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { publicHolidays } from './holidays.js';
import {
  buildSchedule,
  dayKeys,
  emptyWeek,
  formatHours,
  formatOpeningHours,
  isOpenAt,
  nextClosing,
  nextOpening,
  openingTimes,
  parseOpeningHours,
  type Interval,
  type WeeklyHours,
} from './opening-hours.js';

const holidays = publicHolidays('NO');
const DEFAULT = 'mon-fri 07:00-22:00; sat-sun,holidays 10:00-18:00';
const schedule = buildSchedule(
  {
    openingHours: DEFAULT,
    timeZone: 'Europe/Oslo',
    specialDays: [
      { date: '2026-12-24', hours: '09:00-12:00' },
      { date: '2026-11-27', hours: 'closed' },
    ],
  },
  holidays,
);
const at = (iso: string) => new Date(iso);
const open = (iso: string) => isOpenAt(schedule, at(iso));
const next = (iso: string) => nextOpening(schedule, at(iso))?.toISOString();

describe('parseOpeningHours', () => {
  it('reads the default format', () => {
    const week = parseOpeningHours(DEFAULT);
    expect(week.mon).toEqual([{ from: 420, to: 1320 }]);
    expect(week.fri).toEqual([{ from: 420, to: 1320 }]);
    expect(week.sat).toEqual([{ from: 600, to: 1080 }]);
    expect(week.holidays).toEqual([{ from: 600, to: 1080 }]);
  });

  it('reads split days, closed days, wrapping ranges, spaces and capitals', () => {
    const week = parseOpeningHours(' Fri-Mon 08:00-11:30 , 12:00-24:00 ;tue closed; wed,thu 09:00-10:00 ');
    expect(week.sat).toEqual([
      { from: 480, to: 690 },
      { from: 720, to: 1440 },
    ]);
    expect(week.mon).toEqual(week.fri);
    expect(week.tue).toEqual([]);
    expect(week.holidays).toEqual([]);
  });

  it.each([
    ['', /no rules/],
    ['mon-fri', /needs days and hours/],
    ['mon-fry 07:00-22:00', /"mon-fry" in rule 1 .* is not a day/],
    ['mon 7am-10pm', /needs days and hours|not a range|not a time/],
    ['mon 25:00-26:00', /not a time of day/],
    ['mon 22:00-07:00', /ends before it starts/],
    ['mon 08:00-12:00,11:00-13:00', /overlap/],
    ['mon-fri 07:00-22:00; fri 10:00-12:00', /fri is given in rule 1 and again in rule 2/],
  ])('rejects %j with a message that says what is wrong', (text, message) => {
    expect(() => parseOpeningHours(text)).toThrowError(message);
  });

  const intervals: fc.Arbitrary<Interval[]> = fc
    .uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 })
    .map((points) => {
      const p = [...points].sort((a, b) => a - b);
      const out: Interval[] = [];
      for (let i = 0; i + 1 < p.length; i += 2) out.push({ from: p[i]!, to: p[i + 1]! });
      return out;
    });
  const week: fc.Arbitrary<WeeklyHours> = fc.record({
    mon: intervals,
    tue: intervals,
    wed: intervals,
    thu: intervals,
    fri: intervals,
    sat: intervals,
    sun: intervals,
    holidays: intervals,
  });

  it('reads back what formatOpeningHours writes (property)', () => {
    fc.assert(
      fc.property(week, (w) => {
        expect(parseOpeningHours(formatOpeningHours(w))).toEqual(w);
      }),
    );
  });

  it('gives the same week however the rules are ordered, spaced and capitalised (property)', () => {
    const slots = [...dayKeys, 'holidays'] as const;
    fc.assert(
      fc.property(week, fc.infiniteStream(fc.constantFrom(' ', '  ', '\t')), fc.boolean(), (w, spaces, upper) => {
        const sp = () => spaces.next().value as string;
        const rules = slots.map((s) => `${sp()}${upper ? s.toUpperCase() : s}${sp()}${formatHours(w[s]).replace(',', `${sp()},`)}${sp()}`);
        const parsed = parseOpeningHours(rules.reverse().join(';'));
        expect(parsed).toEqual(w);
      }),
    );
  });

  it('either parses or throws ERR_OPENING_HOURS, never anything else (property)', () => {
    const pieces = fc.constantFrom('mon', 'sun', 'holidays', '-', ',', ';', ' ', '07:00', '24:00', '9:5', 'closed', 'x', '25:61');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(pieces).map((p) => p.join(''))), (text) => {
        try {
          const w = parseOpeningHours(text);
          expect(Object.keys(w).sort()).toEqual(Object.keys(emptyWeek()).sort());
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          expect((e as AppError).code).toBe('ERR_OPENING_HOURS');
        }
      }),
    );
  });
});

describe('isOpenAt and nextOpening in Europe/Oslo', () => {
  it('an ordinary weekday', () => {
    // Tuesday 2026-11-24, CET (UTC+1)
    expect(open('2026-11-24T05:59:00Z')).toBe(false);
    expect(open('2026-11-24T06:00:00Z')).toBe(true);
    expect(open('2026-11-24T20:59:59Z')).toBe(true);
    expect(open('2026-11-24T21:00:00Z')).toBe(false);
    expect(next('2026-11-24T21:00:00Z')).toBe('2026-11-25T06:00:00.000Z');
    expect(next('2026-11-24T12:00:00Z')).toBe('2026-11-24T12:00:00.000Z');
  });

  it('across the spring DST change (Sunday 2026-03-29, 02:00 → 03:00)', () => {
    expect(open('2026-03-28T08:59:00Z')).toBe(false); // Sat 09:59 CET
    expect(open('2026-03-28T09:00:00Z')).toBe(true); // Sat 10:00 CET
    expect(next('2026-03-28T17:00:00Z')).toBe('2026-03-29T08:00:00.000Z'); // Sun 10:00 CEST
    expect(open('2026-03-29T07:59:00Z')).toBe(false);
    expect(open('2026-03-29T15:59:00Z')).toBe(true);
    expect(open('2026-03-29T16:00:00Z')).toBe(false); // 18:00 CEST
    expect(next('2026-03-29T16:00:00Z')).toBe('2026-03-30T05:00:00.000Z'); // Mon 07:00 CEST
  });

  it('across the autumn DST change (Sunday 2026-10-25, 03:00 → 02:00)', () => {
    expect(open('2026-10-24T08:00:00Z')).toBe(true); // Sat 10:00 CEST
    expect(next('2026-10-24T16:00:00Z')).toBe('2026-10-25T09:00:00.000Z'); // Sun 10:00 CET
    expect(open('2026-10-25T08:30:00Z')).toBe(false); // 09:30 CET
    expect(open('2026-10-25T16:59:00Z')).toBe(true); // 17:59 CET
    expect(open('2026-10-25T17:00:00Z')).toBe(false);
    expect(next('2026-10-25T17:00:00Z')).toBe('2026-10-26T06:00:00.000Z'); // Mon 07:00 CET
  });

  it('hours inside the DST hours themselves', () => {
    const night = buildSchedule({ openingHours: 'sun 02:30-05:00,23:00-24:00', timeZone: 'Europe/Oslo', specialDays: [] }, holidays);
    // 02:30 does not exist on 2026-03-29: the centre opens when the clock shows 03:30 CEST.
    expect(nextOpening(night, at('2026-03-28T12:00:00Z'))?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(isOpenAt(night, at('2026-03-29T01:30:00Z'))).toBe(true);
    expect(isOpenAt(night, at('2026-03-29T02:59:00Z'))).toBe(true); // 04:59 CEST
    expect(isOpenAt(night, at('2026-03-29T03:00:00Z'))).toBe(false);
    // 02:30 happens twice on 2026-10-25: open both times.
    expect(isOpenAt(night, at('2026-10-25T00:30:00Z'))).toBe(true); // 02:30 CEST
    expect(isOpenAt(night, at('2026-10-25T01:30:00Z'))).toBe(true); // 02:30 CET
    expect(isOpenAt(night, at('2026-10-25T22:59:00Z'))).toBe(true); // 23:59 CET
    expect(isOpenAt(night, at('2026-10-25T23:00:00Z'))).toBe(false); // Monday 00:00
  });

  it('25 and 26 December keep holiday hours, Christmas Eve its special hours', () => {
    expect(open('2026-12-24T07:59:00Z')).toBe(false); // Thu 08:59, special 09:00-12:00
    expect(open('2026-12-24T08:00:00Z')).toBe(true);
    expect(open('2026-12-24T11:00:00Z')).toBe(false); // 12:00
    expect(next('2026-12-24T11:00:00Z')).toBe('2026-12-25T09:00:00.000Z');
    expect(open('2026-12-25T08:00:00Z')).toBe(false); // Fri 09:00: a weekday, but a holiday
    expect(open('2026-12-25T09:00:00Z')).toBe(true);
    expect(open('2026-12-25T17:00:00Z')).toBe(false); // 18:00
    expect(open('2026-12-26T09:30:00Z')).toBe(true);
    expect(next('2026-12-26T17:00:00Z')).toBe('2026-12-27T09:00:00.000Z'); // Sunday
  });

  it('Easter 2027: Maundy Thursday, Good Friday, Easter Sunday (also the DST day), Easter Monday', () => {
    expect(open('2027-03-24T06:30:00Z')).toBe(true); // Wed 07:30, an ordinary day
    expect(open('2027-03-25T06:30:00Z')).toBe(false); // Maundy Thursday 07:30
    expect(next('2027-03-25T06:30:00Z')).toBe('2027-03-25T09:00:00.000Z');
    expect(open('2027-03-26T06:30:00Z')).toBe(false); // Good Friday
    expect(next('2027-03-26T17:00:00Z')).toBe('2027-03-27T09:00:00.000Z'); // Sat 10:00 CET
    expect(next('2027-03-27T17:00:00Z')).toBe('2027-03-28T08:00:00.000Z'); // Easter Sunday 10:00 CEST
    expect(open('2027-03-29T05:30:00Z')).toBe(false); // Easter Monday 07:30 CEST
    expect(next('2027-03-29T05:30:00Z')).toBe('2027-03-29T08:00:00.000Z');
    expect(next('2027-03-29T16:00:00Z')).toBe('2027-03-30T05:00:00.000Z'); // Tue 07:00 CEST
  });

  it('17 May and Whit Monday', () => {
    expect(open('2027-05-17T05:30:00Z')).toBe(false); // Mon 17 May 2027, 07:30
    expect(open('2027-05-17T08:00:00Z')).toBe(true); // 10:00
    expect(open('2026-05-25T05:30:00Z')).toBe(false); // Whit Monday 2026, 07:30
    expect(next('2026-05-25T05:30:00Z')).toBe('2026-05-25T08:00:00.000Z');
    expect(open('2026-05-26T05:30:00Z')).toBe(true); // the Tuesday after
  });

  it('a special day the bank closes', () => {
    expect(open('2026-11-27T12:00:00Z')).toBe(false); // Friday noon
    expect(next('2026-11-27T05:00:00Z')).toBe('2026-11-28T09:00:00.000Z'); // Sat 10:00
  });

  it('takes holidays from the calendar library: public days only', () => {
    expect(holidays('2027-03-25')).toBe(true);
    expect(holidays('2027-05-06')).toBe(true); // Ascension Day
    expect(holidays('2027-12-24')).toBe(false); // a bank day, not a public holiday
    expect(holidays('2027-03-24')).toBe(false);
  });

  it('answers null when the centre never opens', () => {
    const never = buildSchedule({ openingHours: 'mon-sun closed', timeZone: 'Europe/Oslo', specialDays: [] }, holidays);
    expect(nextOpening(never, at('2026-11-24T12:00:00Z'))).toBeNull();
  });

  it('nextOpening is open, not earlier than asked, and closed the minute before (property)', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    const end = Date.parse('2028-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: start, max: end }), (ms) => {
        const t = new Date(ms);
        const n = nextOpening(schedule, t);
        expect(n).not.toBeNull();
        expect(isOpenAt(schedule, n!)).toBe(true);
        expect(n!.getTime()).toBeGreaterThanOrEqual(ms);
        if (n!.getTime() > ms) {
          expect(isOpenAt(schedule, t)).toBe(false);
          expect(isOpenAt(schedule, new Date(n!.getTime() - 60_000))).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('nextClosing and openingTimes', () => {
  const closes = (iso: string, s = schedule) => nextClosing(s, at(iso))?.toISOString() ?? null;

  it('finds the end of the opening the centre is in, or the instant itself when closed', () => {
    expect(closes('2026-11-25T11:00:00Z')).toBe('2026-11-25T21:00:00.000Z'); // Wednesday noon → 22:00
    expect(closes('2026-11-25T22:00:00Z')).toBe('2026-11-25T22:00:00.000Z'); // closed already
    expect(closes('2026-12-24T09:00:00Z')).toBe('2026-12-24T11:00:00.000Z'); // Christmas Eve → 12:00
  });

  it('carries an opening over midnight, and says never for a centre that never closes', () => {
    const late = buildSchedule({ openingHours: 'mon-fri 20:00-24:00; sat 00:00-02:00,09:00-10:00', timeZone: 'Europe/Oslo', specialDays: [] }, holidays);
    expect(closes('2026-11-27T22:00:00Z', late)).toBe('2026-11-28T01:00:00.000Z'); // Friday 23:00 → Saturday 02:00
    const always = buildSchedule({ openingHours: 'mon-sun,holidays 00:00-24:00', timeZone: 'Europe/Oslo', specialDays: [] }, holidays);
    expect(closes('2026-11-25T11:00:00Z', always)).toBeNull();
    expect(openingTimes(always, at('2026-11-25T11:00:00Z'))).toEqual({ open: true, closesAt: null, opensAt: null });
  });

  it('crosses the change to summer time', () => {
    // Sunday 29 March 2026: clocks go from 02:00 to 03:00; open 10:00–18:00 local (16:00 UTC).
    expect(closes('2026-03-29T09:00:00Z')).toBe('2026-03-29T16:00:00.000Z');
  });

  it('gives the next two changes, open or closed', () => {
    // Wednesday noon: closes 22:00, opens Thursday 07:00.
    expect(openingTimes(schedule, at('2026-11-25T11:00:00Z'))).toEqual({
      open: true,
      closesAt: at('2026-11-25T21:00:00Z'),
      opensAt: at('2026-11-26T06:00:00Z'),
    });
    // Thursday 26 November 23:00: Friday 27 is a closed special day, so Saturday 10:00–18:00.
    expect(openingTimes(schedule, at('2026-11-26T22:00:00Z'))).toEqual({
      open: false,
      opensAt: at('2026-11-28T09:00:00Z'),
      closesAt: at('2026-11-28T17:00:00Z'),
    });
  });

  it('agrees with isOpenAt at any instant (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2028-01-01T00:00:00Z'), noInvalidDate: true }), (d) => {
        const t = openingTimes(schedule, d);
        expect(t.open).toBe(isOpenAt(schedule, d));
        const change = t.open ? t.closesAt! : t.opensAt!;
        expect(change.getTime()).toBeGreaterThan(d.getTime());
        // Just before the change nothing has changed; at it, it has.
        expect(isOpenAt(schedule, new Date(change.getTime() - 1000))).toBe(t.open);
        expect(isOpenAt(schedule, change)).toBe(!t.open);
      }),
      { numRuns: 300 },
    );
  });
});
