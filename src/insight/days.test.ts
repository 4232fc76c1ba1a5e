import { describe, expect, it } from 'vitest';
import { addDays, dayRange, daySpan, daysBetween, isDay, osloDay, osloHour } from './days.js';

describe('Oslo days', () => {
  it('knows a real calendar day from a look-alike', () => {
    expect(['2026-03-10', '2024-02-29'].map(isDay)).toEqual([true, true]);
    expect(['2026-02-29', '2026-13-01', '2026-3-10', '2026-03-10T00:00', '', '10.03.2026'].map(isDay)).toEqual([false, false, false, false, false, false]);
  });

  it('puts an instant on the day and hour it is in Oslo, summer and winter', () => {
    expect(osloDay('2026-03-10T22:59:59.999Z')).toBe('2026-03-10');
    expect(osloDay('2026-03-10T23:00:00.000Z')).toBe('2026-03-11'); // UTC+1
    expect(osloDay('2026-07-01T21:59:59.999Z')).toBe('2026-07-01');
    expect(osloDay('2026-07-01T22:00:00.000Z')).toBe('2026-07-02'); // UTC+2
    expect(osloHour('2026-03-10T23:30:00.000Z')).toBe(0);
    expect(osloHour('2026-07-01T06:00:00.000Z')).toBe(8);
  });

  it('gives a day’s instants, 23 hours on the spring change and 25 on the autumn one', () => {
    const hours = (day: string) => (Date.parse(dayRange(day).end) - Date.parse(dayRange(day).start)) / 3_600_000;
    expect(dayRange('2026-03-10')).toEqual({ start: '2026-03-09T23:00:00.000Z', end: '2026-03-10T23:00:00.000Z' });
    expect([hours('2026-03-29'), hours('2026-10-25'), hours('2026-06-01')]).toEqual([23, 25, 24]);
  });

  it('counts and lists days across a DST change and a year end', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(daySpan('2026-01-01', '2026-12-31')).toBe(365);
    expect(daySpan('2026-03-10', '2026-03-10')).toBe(1);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-30', -2)).toBe('2026-03-28');
  });
});
