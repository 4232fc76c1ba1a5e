// A table of figures with its caption, inside a region that scrolls sideways on a narrow screen
// (focusable and named, so the keyboard can scroll it too), and the CSV download of the same table.
import type { ComponentChildren, JSX } from 'preact';

export interface Column<R> {
  header: string;
  cell: (row: R) => ComponentChildren;
  /** Figures: right-aligned. */
  numeric?: boolean;
  /** The cell that names the row: a `th scope="row"`. */
  rowHeader?: boolean;
}

export function DataTable<R>({
  id,
  caption,
  columns,
  rows,
  csv,
  empty = 'Ingen tal for perioden.',
  tall = false,
}: {
  id: string;
  caption: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
  csv?: string;
  empty?: string;
  /** Many rows: the region scrolls down too, with the column headers kept in view. */
  tall?: boolean;
}): JSX.Element {
  const captionId = `${id}-tabell`;
  return (
    <>
      {/* The caption names the table and its region for screen readers; this is it for the eye,
          outside the region, so it wraps at the card's width while the table scrolls. */}
      <p class="table-title" aria-hidden="true">
        {caption}
      </p>
      <div class={`table-scroll${tall ? ' tall' : ''}`} role="region" aria-labelledby={captionId} tabIndex={0}>
        <table class="figures">
          <caption id={captionId} class="visually-hidden">
            {caption}
          </caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col" class={c.numeric ? 'num' : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length}>{empty}</td>
              </tr>
            ) : (
              rows.map((r, i) => (
                <tr key={i}>
                  {columns.map((c) =>
                    c.rowHeader ? (
                      <th key={c.header} scope="row">
                        {c.cell(r)}
                      </th>
                    ) : (
                      <td key={c.header} class={c.numeric ? 'num' : undefined}>
                        {c.cell(r)}
                      </td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {csv && <CsvLink href={csv} what={caption} />}
    </>
  );
}

export function CsvLink({ href, what }: { href: string; what: string }): JSX.Element {
  return (
    <p class="csv">
      <a href={href} download>
        Last ned CSV<span class="visually-hidden"> – {what}</span>
      </a>
    </p>
  );
}
