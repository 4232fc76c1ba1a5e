// CSV as RFC 4180 has it: comma-separated, CRLF line ends, a header row, and a field in double
// quotes (quotes inside doubled) when it holds a comma, a quote, a line break or space at either
// end. UTF-8 with a byte-order mark, which is what makes Excel read æøå right.
//
// Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that begins with = + - @
// (or a tab or carriage return, which some treat alike) as a formula. Such text cells get a
// leading apostrophe, which shows the text as it was and runs nothing. Numbers are written as
// numbers and never prefixed.

export type Cell = string | number | null;

export const BOM = '\uFEFF';
const FORMULA = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
