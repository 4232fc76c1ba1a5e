import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOM, csvCell, toCsv } from './csv.js';

/** A plain RFC 4180 reader, the reference the writer is held to. */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && csv[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

describe('CSV', () => {
  it('quotes what needs it and doubles quotes', () => {
    expect(toCsv(['a', 'b'], [['x, y', 'sa "hei"'], ['line\nbreak', null], [' space', 3]])).toBe(`${BOM}a,b\r\n"x, y","sa ""hei"""\r\n"line\nbreak",\r\n" space",3\r\n`);
  });

  it('never lets a cell start a formula; numbers stay numbers', () => {
    expect(['=1+1', '+47 999', '-x', '@SUM(A1)', '\tx'].map(csvCell)).toEqual(["'=1+1", "'+47 999", "'-x", "'@SUM(A1)", "'\tx"]);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('reads back as written (apart from the formula guard)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: fc.constantFrom('a', 'ø', ',', '"', '\n', '\r', ' ', '=', '-', '1') }), { minLength: 2, maxLength: 2 }), { maxLength: 10 }), (rows) => {
        const read = parse(toCsv(['h1', 'h2'], rows).slice(BOM.length));
        expect(read).toEqual([['h1', 'h2'], ...rows.map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)))]);
      }),
    );
  });
});
