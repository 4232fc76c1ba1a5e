// A tiny, safe Markdown renderer for the bank's answers, shared by the server-rendered page and the
// widget. It knows only what the content pack uses: paragraphs, "-"/"*" and "1." lists, **bold**,
// *emphasis* and [links](https://…). Everything else is text: HTML in the source is escaped, and a
// link is kept only for http(s), mailto: and tel: addresses and same-site paths, so content can
// never inject markup or a javascript: URL. Pure, no DOM and no Node: it runs on both sides.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const SAFE_URL = /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i;

/** Inline Markdown on one run of text: escape first, then the few marks we support. */
export function renderInline(text: string): string {
  // Links first, on the raw text, so their URL is checked before escaping changes it.
  const parts: string[] = [];
  const link = /\[([^\]\n]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (let m = link.exec(text); m; m = link.exec(text)) {
    parts.push(marks(escapeHtml(text.slice(last, m.index))));
    const [, label, url] = m as unknown as [string, string, string];
    parts.push(
      SAFE_URL.test(url)
        ? `<a href="${escapeHtml(url)}"${/^https?:/i.test(url) ? ' rel="noopener"' : ''}>${marks(escapeHtml(label))}</a>`
        : marks(escapeHtml(label)),
    );
    last = m.index + m[0].length;
  }
  parts.push(marks(escapeHtml(text.slice(last))));
  return parts.join('');
}

function marks(escaped: string): string {
  return escaped
    .replace(/\*\*(?=\S)([^*]+?)(?<=\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*(?=\S)([^*]+?)(?<=\S)\*(?![*\w])/g, '$1<em>$2</em>');
}

type Block = { kind: 'p'; lines: string[] } | { kind: 'ul' | 'ol'; items: string[] };

const BULLET = /^\s{0,3}[-*]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,3}[.)]\s+(.*)$/;

/** Splits the source into paragraphs and lists; a list may follow a paragraph line directly. */
function blocks(source: string): Block[] {
  const out: Block[] = [];
  let current = null as Block | null;
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      current = null;
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const kind = bullet ? 'ul' : numbered ? 'ol' : null;
    if (kind) {
      const item = (bullet ?? numbered)![1]!;
      if (current?.kind === kind) current.items.push(item);
      else out.push((current = { kind, items: [item] }));
    } else if (current && current.kind !== 'p' && /^\s+\S/.test(raw)) {
      // An indented line continues the list item above it.
      const list = current as { items: string[] };
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else if (current?.kind === 'p') {
      current.lines.push(line.trim());
    } else {
      out.push((current = { kind: 'p', lines: [line.trim()] }));
    }
  }
  return out;
}

/** Renders Markdown to HTML that is safe to insert as is. */
export function renderMarkdown(source: string): string {
  return blocks(source)
    .map((b) =>
      b.kind === 'p'
        ? `<p>${renderInline(b.lines.join(' '))}</p>`
        : `<${b.kind}>${b.items.map((i) => `<li>${renderInline(i)}</li>`).join('')}</${b.kind}>`,
    )
    .join('\n');
}

/** The text without marks, for search indexes and previews. */
export function plainText(source: string): string {
  return source
    .replace(/\[([^\]\n]+)\]\([^)\s]+\)/g, '$1')
    .replace(/\*\*|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)/g, '')
    .replace(/^\s{0,3}(?:[-*]|\d{1,3}[.)])\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}
