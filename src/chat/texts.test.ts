// The opening in the closed-hours notice names today and tomorrow as such, by Oslo's calendar.
import { describe, expect, it } from 'vitest';
import { openingWords } from './texts.js';
import { openingText } from '../web/client/format.js';

const at = (iso: string) => new Date(iso);

describe('when the centre opens, in words', () => {
  it('says "i dag" on the same Oslo day, "i morgon" the day before, else only the day', () => {
    // Wednesday 2 December 2026: 06:00 in Oslo, opens 07:00 the same day.
    expect(openingWords(at('2026-12-02T06:00:00Z'), at('2026-12-02T05:00:00Z'), 'Europe/Oslo')).toBe('i dag, onsdag 2. desember kl. 07:00');
    // 23:30 on Wednesday 25 November: opens Thursday.
    expect(openingWords(at('2026-11-26T06:00:00Z'), at('2026-11-25T22:30:00Z'), 'Europe/Oslo')).toBe('i morgon, torsdag 26. november kl. 07:00');
    // Friday night: opens Saturday 10:00 ("i morgon"), and from Thursday it is just the day.
    expect(openingWords(at('2026-11-28T09:00:00Z'), at('2026-11-26T22:30:00Z'), 'Europe/Oslo')).toBe('laurdag 28. november kl. 10:00');
  });

  it('reads the same in the widget, by the service\'s clock', () => {
    expect(openingText('2026-12-02T06:00:00Z', '2026-12-02T05:00:00Z')).toBe('i dag, onsdag 2. desember kl. 07:00');
    expect(openingText('2026-11-26T06:00:00Z', '2026-11-25T22:30:00Z')).toBe('i morgon, torsdag 26. november kl. 07:00');
    expect(openingText('2026-11-28T09:00:00Z', '2026-11-26T22:30:00Z')).toBe('laurdag 28. november kl. 10:00');
  });
});
