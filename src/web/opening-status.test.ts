// The wording the help page shows and its script keeps up to date: from times read once, the status
// at any later moment is the one the server would render then, until both known changes have passed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContentPack } from '../content/index.js';
import { scheduleFor } from './help-page.js';
import { hoursStatus, openingTimesJson } from './hours.js';
import { statusAt, whenText } from './opening-status.js';

const pack = loadContentPack('content');
const schedule = scheduleFor(pack); // mon-fri 07:00-22:00; sat-sun,holidays 10:00-18:00; Oslo
const at = (iso: string) => new Date(iso);

describe('statusAt', () => {
  // Read on Wednesday 25 November 2026 at 12:00 in Oslo: open until 22:00, then Thursday 07:00.
  const noon = openingTimesJson(schedule, at('2026-11-25T11:00:00Z'));

  it('says open until the closing, then closed until the opening, as the clock moves on', () => {
    expect(noon).toMatchObject({ open: true, closesAt: '2026-11-25T21:00:00.000Z', opensAt: '2026-11-26T06:00:00.000Z', timeZone: 'Europe/Oslo' });
    expect(statusAt(noon, at('2026-11-25T11:00:00Z'))).toEqual({ open: true, text: 'Ope no – til kl. 22:00', changesAt: '2026-11-25T21:00:00.000Z', current: true });
    expect(statusAt(noon, at('2026-11-25T20:59:59Z')).text).toBe('Ope no – til kl. 22:00');
    expect(statusAt(noon, at('2026-11-25T21:00:00Z'))).toEqual({
      open: false,
      text: 'Stengt – opnar i morgon kl. 07:00',
      changesAt: '2026-11-26T06:00:00.000Z',
      current: true,
    });
    // Past midnight the same opening is "today".
    expect(statusAt(noon, at('2026-11-25T23:30:00Z')).text).toBe('Stengt – opnar i dag kl. 07:00');
    // Past the opening too, the times know nothing more: ask again.
    expect(statusAt(noon, at('2026-11-26T06:00:00Z'))).toMatchObject({ current: false });
  });

  it('says when a closed centre opens over a weekend, and follows it open', () => {
    // Friday 27 November 23:00 → Saturday 10:00–18:00.
    const friday = openingTimesJson(schedule, at('2026-11-27T22:00:00Z'));
    expect(statusAt(friday, at('2026-11-27T22:00:00Z')).text).toBe('Stengt – opnar i morgon kl. 10:00');
    expect(statusAt(friday, at('2026-11-28T09:00:00Z'))).toEqual({ open: true, text: 'Ope no – til kl. 18:00', changesAt: '2026-11-28T17:00:00.000Z', current: true });
    expect(statusAt(friday, at('2026-11-28T17:00:00Z')).current).toBe(false);
  });

  it('words closings past midnight and centres that never close or never open', () => {
    const tz = 'Europe/Oslo';
    const now = '2026-11-25T20:00:00.000Z'; // Wednesday 21:00
    expect(statusAt({ open: true, closesAt: '2026-11-25T23:00:00.000Z', opensAt: null, timeZone: tz, now }, at(now)).text).toBe('Ope no – til midnatt');
    expect(statusAt({ open: true, closesAt: '2026-11-26T01:00:00.000Z', opensAt: null, timeZone: tz, now }, at(now)).text).toBe('Ope no – til i morgon kl. 02:00');
    expect(statusAt({ open: true, closesAt: '2026-11-27T23:00:00.000Z', opensAt: null, timeZone: tz, now }, at(now)).text).toBe('Ope no – til og med fredag 27. november');
    expect(statusAt({ open: true, closesAt: null, opensAt: null, timeZone: tz, now }, at(now))).toEqual({ open: true, text: 'Ope no', changesAt: null, current: true });
    expect(statusAt({ open: false, closesAt: null, opensAt: null, timeZone: tz, now }, at(now))).toEqual({ open: false, text: 'Stengt', changesAt: null, current: true });
  });

  it('names the day further ahead, in the bank’s zone whatever the clock’s own', () => {
    expect(whenText(at('2026-11-30T06:00:00Z'), at('2026-11-27T22:00:00Z'), 'Europe/Oslo')).toBe('måndag 30. november kl. 07:00');
    expect(whenText(at('2026-12-27T09:00:00Z'), at('2026-12-24T12:00:00Z'), 'Europe/Oslo')).toBe('søndag 27. desember kl. 10:00');
    // Summer time: 07:00 in Oslo is 05:00 UTC.
    expect(whenText(at('2027-06-01T05:00:00Z'), at('2027-05-31T20:00:00Z'), 'Europe/Oslo')).toBe('i morgon kl. 07:00');
  });

  it('from times read at any moment, says what the server would say later until both changes pass (property)', () => {
    const range = { min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true };
    fc.assert(
      fc.property(fc.date(range), fc.integer({ min: 0, max: 4 * 24 * 60 }), (read, minutesLater) => {
        const times = openingTimesJson(schedule, read);
        const later = new Date(read.getTime() + minutesLater * 60_000);
        const s = statusAt(times, later);
        if (!s.current) return; // the page asks the server again
        expect(s).toEqual(hoursStatus(schedule, later));
      }),
      { numRuns: 400 },
    );
  });
});
