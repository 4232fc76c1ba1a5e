import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdit, markApproved, splitTopic } from './editing.js';
import { readContentFolder } from './files.js';
import { contentPackOf } from './loader.js';

const files = readContentFolder('content');
const same = (t: string) => t;
const DAY = '2026-12-03';

function topicOf(text: string): Record<string, unknown> {
  const { front, answer } = splitTopic(text);
  return { ...(front.toJSON() as Record<string, unknown>), answer: answer.trim() };
}

describe('editing the pack', () => {
  it('changes only the edited lines of a topic file, and marks it draft', () => {
    const before = files.get('topics/code-chip-blank.md')!;
    const fields = topicOf(before) as { title: string; category: string; phrasings: { nn: string[]; nb: string[]; en: string[] }; keywords: string[]; related: string[] };
    const edit = { type: 'topic' as const, id: 'code-chip-blank', title: fields.title, category: fields.category, phrasings: fields.phrasings, keywords: fields.keywords, related: fields.related, answer: 'Ein ny tekst om kodebrikka som viser ein dato.' };
    const after = applyEdit(files, edit, same, DAY).get('topics/code-chip-blank.md')!;
    const changed = after.split('\n').filter((l) => !before.split('\n').includes(l));
    expect(changed).toEqual(['status: draft', 'Ein ny tekst om kodebrikka som viser ein dato.']);
    // approval marks it approved and reviewed today; the rest is as the editor left it
    const approved = markApproved('topics/code-chip-blank.md', after, before, DAY)!;
    expect(topicOf(approved)).toMatchObject({ status: 'approved', reviewed: DAY, answer: edit.answer });
  });

  it('an unchanged topic is the same bytes', () => {
    const before = files.get('topics/browser.md')!;
    const f = topicOf(before) as { title: string; category: string; phrasings: { nn: string[]; nb: string[]; en: string[] }; keywords: string[]; related: string[]; answer: string };
    const after = applyEdit(files, { type: 'topic', id: 'browser', title: f.title, category: f.category, phrasings: { nn: f.phrasings.nn ?? [], nb: f.phrasings.nb ?? [], en: f.phrasings.en ?? [] }, keywords: f.keywords ?? [], related: f.related ?? [], answer: f.answer }, same, DAY);
    expect(after.get('topics/browser.md')).toBe(before);
  });

  it('an error code edit touches its own entry only, and approval approves only what changed', () => {
    const before = files.get('error-codes.yaml')!;
    const after = applyEdit(files, { type: 'error-code', id: 'bid-14b1', codes: ['14B1'], meaning: 'Tidsavbrot ved innlogging (ny tekst).', solution: 'Prøv igjen.', keywords: ['tidsavbrot'] }, same, DAY).get('error-codes.yaml')!;
    const lost = before.split('\n').filter((l) => !after.split('\n').includes(l));
    expect(lost.every((l) => /meaning|solution|keywords|status/.test(l))).toBe(true);
    const pack = contentPackOf(new Map([...files, ['error-codes.yaml', markApproved('error-codes.yaml', after, before, DAY)!]]));
    const code = pack.topics.find((t) => t.id === 'bid-14b1')!;
    expect(code).toMatchObject({ status: 'approved', reviewed: DAY, meaning: 'Tidsavbrot ved innlogging (ny tekst).' });
    expect(pack.topics.filter((t) => t.kind === 'error-code' && t.reviewed === DAY).map((t) => t.id)).toEqual(['bid-14b1']);
  });

  it('a retired topic stays in the files and is never served', async () => {
    const { servedPack } = await import('./drafts.js');
    const next = new Map(files);
    for (const [p, b] of applyEdit(files, { type: 'retire', id: 'browser' }, same, DAY)) next.set(p, b!);
    const pack = contentPackOf(next);
    expect(pack.topics.find((t) => t.id === 'browser')?.status).toBe('retired');
    expect(servedPack(pack, true).topics.some((t) => t.id === 'browser')).toBe(false);
  });

  it('a file edited as text keeps no personal number: refused in YAML, redacted in a training line', () => {
    const bank = files.get('bank.yaml')!;
    expect(() => applyEdit(files, { type: 'text', path: 'bank.yaml', body: `${bank}# kunde 15068712375\n` }, (t) => t.replace(/\d{11}/g, '[fnr]'), DAY)).toThrow(/line \d+ looks like/);
    const [path, text] = [...files].find(([p]) => p.startsWith('training/') && p.endsWith('.jsonl'))!;
    const line = JSON.stringify({ label: 'browser', text: 'mitt fnr er 15068712375', lang: 'nn', writer: 'editor' });
    const out = applyEdit(files, { type: 'text', path, body: `${text}${line}\n` }, (t) => t.replace(/\d{11}/g, '[fnr]'), DAY).get(path)!;
    expect(out).not.toContain('15068712375');
    expect(out).toContain('mitt fnr er [fnr]');
  });

  it('training messages are added to the editors\' file and removed from theirs', () => {
    const [path, text] = [...files].find(([p]) => p.startsWith('training/') && p.endsWith('.jsonl'))!;
    const first = JSON.parse(text.split('\n')[0]!) as { text: string };
    const out = applyEdit(files, { type: 'training', add: [{ label: 'browser', text: 'nettlesaren min vil ikkje vise bankid', lang: 'nn' }], remove: [{ path, text: first.text }] }, same, DAY);
    expect(out.get(path)!.split('\n').length).toBe(text.split('\n').length - 1);
    expect(out.get('training/editors.jsonl')).toContain('"writer":"editor"');
  });

  it('property: what a topic edit says is what the file then reads', () => {
    const word = fc.stringMatching(/^[a-zæøåA-ZÆØÅ0-9 ,.?!:'"#«»-]{2,40}$/).filter((s) => s.trim().length >= 2);
    fc.assert(
      fc.property(word, word, fc.array(word, { maxLength: 4 }), fc.array(word, { maxLength: 3 }), fc.stringMatching(/^[^\u0000-\u0008\u000b-\u001f\u007f]{10,300}$/), (title, category, nn, keywords, answer) => {
        fc.pre(answer.trim().length >= 10 && !answer.trim().startsWith('---'));
        const edit = { type: 'topic' as const, id: 'ny-tema', title: title.trim(), category: category.trim(), phrasings: { nn: nn.map((s) => s.trim()), nb: [], en: [] }, keywords: keywords.map((s) => s.trim()), related: [], answer };
        const text = applyEdit(files, edit, same, DAY).get('topics/ny-tema.md')!;
        const read = topicOf(text) as Record<string, unknown>;
        expect(read).toMatchObject({ id: 'ny-tema', title: edit.title, category: edit.category, keywords: edit.keywords, status: 'draft', answer: answer.trim() });
        expect((read['phrasings'] as { nn: string[] }).nn).toEqual(edit.phrasings.nn);
      }),
      { numRuns: 200 },
    );
  });
});
