// A unified diff as the review shows it: added lines green and marked "+", removed lines red and
// marked "−", each also named in words for screen readers, so neither colour nor a sign alone
// carries the meaning. The region scrolls sideways and takes the keyboard's focus.
import type { JSX } from 'preact';

type Line = { kind: 'add' | 'del' | 'hunk' | 'file' | 'ctx'; text: string };

export function parseDiff(diff: string): Line[] {
  return diff
    .replace(/\n$/, '')
    .split('\n')
    .map((text): Line => {
      if (text.startsWith('+++') || text.startsWith('---') || text.startsWith('Index:') || text.startsWith('====')) return { kind: 'file', text };
      if (text.startsWith('@@')) return { kind: 'hunk', text };
      if (text.startsWith('+')) return { kind: 'add', text: text.slice(1) };
      if (text.startsWith('-')) return { kind: 'del', text: text.slice(1) };
      return { kind: 'ctx', text: text.startsWith(' ') ? text.slice(1) : text };
    });
}

const said = { add: 'Lagt til: ', del: 'Fjerna: ', hunk: 'Stad i fila: ', file: 'Fil: ', ctx: '' };
const sign = { add: '+', del: '−', hunk: '', file: '', ctx: ' ' };

export function Diff({ diff }: { diff: string }): JSX.Element {
  const lines = parseDiff(diff);
  const added = lines.filter((l) => l.kind === 'add').length;
  const removed = lines.filter((l) => l.kind === 'del').length;
  if (!diff.trim()) return <p class="empty">Ingen skilnad frå den publiserte teksten.</p>;
  return (
    <>
      <p class="diff-legend">
        <span class="add-key">+ {added} {added === 1 ? 'linje lagd til' : 'linjer lagde til'}</span> · <span class="del-key">− {removed} {removed === 1 ? 'linje fjerna' : 'linjer fjerna'}</span>
      </p>
      <div class="diff-scroll" role="region" aria-label="Skilnaden frå den publiserte teksten" tabIndex={0}>
        <pre class="diff">
          {lines.map((l, i) => (
            <span key={i} class={`line ${l.kind}`}>
              <span class="visually-hidden">{said[l.kind]}</span>
              <span class="sign" aria-hidden="true">
                {sign[l.kind]}
              </span>
              {l.text || ' '}
              {'\n'}
            </span>
          ))}
        </pre>
      </div>
    </>
  );
}
