import type { JSX } from 'preact';

/** The error codes, unless the title already names them all ("Feilkode BID-14B1"). */
export function Codes({ codes, title }: { codes: readonly string[]; title: string }): JSX.Element | null {
  return codes.some((x) => !title.includes(`BID-${x}`)) ? <span class="codes">{codes.map((x) => `BID-${x}`).join(', ')}</span> : null;
}
