import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUESTION, questionKey, questionText } from './similar.js';

describe('grouping unanswered questions', () => {
  it('gives one key to the same words in any order, case, accents and inflection, with or without function words', () => {
    const key = questionKey('Kvifor får eg ikkje logga inn på BankID på nettbrettet?');
    expect(key).toBe('bankid inn logg nettbrett');
    for (const same of ['bankid nettbrettet logga inn ikkje, kvifor', 'BANKID-NETTBRETT?? logga inn', 'Logga inn på nettbrettet: BankID']) {
      expect(questionKey(same)).toBe(key);
    }
    expect(questionKey('Jeg har glemt passordet mitt')).toBe(questionKey('glemt passord'));
    expect(questionKey('BankID på ny mobil')).not.toBe(questionKey('ny mobil'));
  });

  it('is the same key for any shuffle of the words', () => {
    const word = fc.constantFrom('bankid', 'mobil', 'passordet', 'Kodebrikka', 'ikkje', 'på', 'fungerer', 'BID-14B1', 'ny', 'gløymt');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }).chain((ws) => fc.tuple(fc.constant(ws), fc.shuffledSubarray(ws, { minLength: ws.length, maxLength: ws.length }))), ([ws, shuffled]) => {
        expect(questionKey(shuffled.join(' '))).toBe(questionKey(ws.join(' ')));
      }),
      { numRuns: 500 },
    );
  });

  it('keys a question of function words only by those words, and keeps texts short', () => {
    expect(questionKey('Hei, kva no?')).toBe(questionKey('no kva hei'));
    expect(questionKey('?!')).toBe('?!');
    expect(questionText('  Kva   er  DETTE? ')).toBe('kva er dette?');
    expect(questionText('a'.repeat(1000))).toHaveLength(MAX_QUESTION);
    expect(questionKey('ord'.repeat(400)).length).toBeLessThanOrEqual(MAX_QUESTION);
  });
});
