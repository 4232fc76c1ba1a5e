import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, normalise, words } from './normalise.js';
import { stem } from './stem.js';

describe('normalise', () => {
  it('lower-cases, joins dashes and squeezes space', () => {
    expect(normalise('  BID\u201314B1 \u00a0 Gløymt\tPASSORD ')).toBe('bid-14b1 gløymt passord');
  });

  it('is idempotent and never leaves control characters, lone surrogates or runs of space (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const n = normalise(s);
        expect(normalise(n)).toBe(n);
        expect(n).not.toMatch(/[\u0000-\u001f\u007f]|\s{2}|^\s|\s$/);
        expect(n).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
    );
  });
});

describe('fold', () => {
  it('meets the ways customers type æ, ø and å', () => {
    expect(fold('gløymt')).toBe(fold('gloymt'));
    expect(fold('gløymt')).toBe(fold('gloeymt'));
    expect(fold('får')).toBe(fold('faar'));
    expect(fold('får')).toBe(fold('far'));
    expect(fold('være')).toBe(fold('vaere'));
  });

  it('yields only ASCII for Norwegian letters and is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zæøåéü]{0,20}$/), (w) => {
        expect(fold(w)).toMatch(/^[a-z]*$/);
        expect(fold(fold(w))).toBe(fold(w));
      }),
    );
  });
});

describe('words and stem', () => {
  it('keeps inner hyphens and apostrophes', () => {
    expect(words("bankid-passordet til bankid'n, takk!")).toEqual(['bankid-passordet', 'til', "bankid'n", 'takk']);
  });

  it('joins inflections', () => {
    expect(stem('passordet')).toBe(stem('passord'));
    expect(stem('varslingar')).toBe(stem('varslinger'));
    expect(stem('kodebrikka')).toBe(stem('kodebrikke'));
  });

  it('never grows a word and never cuts it below three letters (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,20}$/), (w) => {
        const s = stem(w);
        expect(w.startsWith(s)).toBe(true);
        expect(s.length).toBeGreaterThanOrEqual(Math.min(3, w.length));
      }),
    );
  });
});
