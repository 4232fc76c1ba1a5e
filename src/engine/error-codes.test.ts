import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCodePrefix, findErrorCodes } from './error-codes.js';
import { normalise } from './normalise.js';

const KNOWN = new Set(['14B1', '14D1', '1437', '1407', '1433', '1403', '1439', '5000', '5007', '1200', '2030', '2031', '2032', '2033', '2034', '20A1', '20A2', '20B0', '20B1', '20C1']);
const find = (text: string) => findErrorCodes(normalise(text), KNOWN);

describe('findErrorCodes', () => {
  it.each([
    ['BID-14B1', ['14B1']],
    ['bid 14b1', ['14B1']],
    ['BID14B1', ['14B1']],
    ['BID 14 B1 kom opp', ['14B1']],
    ['BID–14D1', ['14D1']],
    ['feilkode 1437', ['1437']],
    ['fekk 14d1', ['14D1']],
    ['fikk 14D1-feil, hva gjør jeg galt?', ['14D1']],
    ['BID 2030, 2031, 2032 og 20a1', ['2030', '2031', '2032', '20A1']],
    ['først BID-1437 og så bid 5007', ['1437', '5007']],
  ])('finds the known codes in %j', (text, codes) => {
    expect(find(text).known).toEqual(codes);
  });

  it.each([
    ['står BID-C161 i feilmeldingen', ['C161']],
    ['error code BID-10B2 when signing', ['10B2']],
    ['fekk 99x9 på skjermen', ['99X9']],
  ])('finds the unknown codes in %j', (text, codes) => {
    expect(find(text).unknown).toEqual(codes);
  });

  it.each(['kontoutskrift for 2023', 'ring 57 82 97 00', 'eg er 15 år', 'det kosta 1200 kr', 'bankid-appen min', 'appen er sperra', 'glemt passordet til BankID. Er 61 år og har pass', 'bankid no 15 gonger'])('finds no code in %j', (text) => {
    expect(find(text)).toEqual({ known: [], unknown: [] });
  });

  it('finds every known code however it is written (property)', () => {
    const code = fc.constantFrom(...KNOWN);
    const prefix = fc.constantFrom('BID-', 'bid ', 'BID', 'bid-', 'Bid – ', 'feilkode BID ');
    const filler = fc.constantFrom('', 'fekk ', 'eg fekk ', 'I got ', 'det står ');
    const tail = fc.constantFrom('', ' no', '!', ' kva gjer eg?', ' when logging in');
    fc.assert(
      fc.property(filler, prefix, code, fc.boolean(), tail, (f, p, c, lower, t) => {
        const written = lower ? c.toLowerCase() : c;
        expect(find(`${f}${p}${written}${t}`).known).toEqual([c]);
      }),
    );
  });

  it('never throws and only returns four-character codes (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = find(text);
        for (const c of [...r.known, ...r.unknown]) expect(c).toMatch(/^[0-9A-Z]{4}$/);
      }),
    );
  });
});

describe('findCodePrefix', () => {
  it('reads a half-remembered code', () => {
    expect(findCodePrefix(normalise('Feilkoden starta med BID-14, hugsar ikkje resten'))).toBe('14');
    expect(findCodePrefix(normalise('fekk feilkode på bankid, det var 14 og ein bokstav'))).toBe('14');
    expect(findCodePrefix(normalise('BID-143, resten hugsar eg ikkje'))).toBe('143');
    expect(findCodePrefix(normalise('feil 143-noko, forsvann før eg fekk lese'))).toBe('143');
    expect(findCodePrefix(normalise('it said 143x something'))).toBe('143');
  });
  it('does not take a number of three digits for the start of a code unless it is said to be one', () => {
    expect(findCodePrefix(normalise('feilkode 500 på nettsida'))).toBeUndefined();
    expect(findCodePrefix(normalise('eg har prøvd 143 gonger'))).toBeUndefined();
  });
  it('does not take an age for a code', () => {
    expect(findCodePrefix(normalise('feilkode og eg er 14'))).toBeUndefined();
  });
});

describe('codes typed with letters for digits, and numbers that are no code', () => {
  it.each([
    ['fekk BID-5OOO i går', ['5000']],
    ['bid 14bi heile tida', ['14B1']],
    ['BID-I439', ['1439']],
  ])('reads %j as the known code it spells', (text, codes) => {
    expect(find(text).known).toEqual(codes);
  });

  it('does not take the word after "BID-14" for the rest of the code', () => {
    expect(find('fekk BID-14 og noko meir')).toEqual({ known: [], unknown: [] });
    expect(findCodePrefix(normalise('fekk BID-14 og noko meir'))).toBe('14');
  });

  it('does not take a version number for the start of a code', () => {
    expect(findCodePrefix(normalise('Firefox 126 on macOS 14.5, no console errors'))).toBeUndefined();
  });
});
