// What an editor changes, applied to the pack's files: a topic, an error code, the assistant's own
// texts, the bank's facts, training messages, or any file as text. Edits go through the YAML
// document model (yaml's Document), so what the editor did not touch keeps its bytes — comments,
// quoting, flow lists — and a review diff shows only the change.
import { isMap, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ContentEdit } from './edits.js';
import { isContentPath, type ContentFiles } from './files.js';

/** A document as text in the files' own style: no padding inside [ ], no folding of long lines. */
const show = (doc: Document) => doc.toString({ flowCollectionPadding: false, lineWidth: 0 });

/** Where editors' new training messages go. */
export const EDITORS_TRAINING = 'training/editors.jsonl';

export class EditError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The files an edit changes, with their new texts (null: the file goes). */
/** `day`: today (YYYY-MM-DD), the `reviewed` of a new topic until its approval sets it. */
export function applyEdit(files: ContentFiles, edit: ContentEdit, clean: (text: string) => string, day: string): Map<string, string | null> {
  switch (edit.type) {
    case 'topic':
      return new Map([[`topics/${edit.id}.md`, editTopic(files.get(`topics/${edit.id}.md`), { ...edit, title: clean(edit.title), answer: clean(edit.answer), phrasings: { nn: edit.phrasings.nn.map(clean), nb: edit.phrasings.nb.map(clean), en: edit.phrasings.en.map(clean) }, keywords: edit.keywords.map(clean) }, day)]]);
    case 'error-code':
      return new Map([['error-codes.yaml', editErrorCode(need(files, 'error-codes.yaml'), { ...edit, meaning: clean(edit.meaning), solution: clean(edit.solution), keywords: edit.keywords.map(clean) }, day)]]);
    case 'retire':
      return retire(files, edit.id);
    case 'messages':
      return new Map([['messages.yaml', editMessages(need(files, 'messages.yaml'), Object.fromEntries(Object.entries(edit.texts).map(([k, v]) => [k, clean(v ?? '')])))]]);
    case 'bank':
      return new Map([['bank.yaml', editBank(need(files, 'bank.yaml'), edit)]]);
    case 'training':
      return editTraining(files, edit.add.map((a) => ({ ...a, text: clean(a.text) })), edit.remove);
    case 'text':
      if (!isContentPath(edit.path)) throw new EditError('path', `"${edit.path}" is not a content file (topics/*.md, *.yaml, training/*.jsonl)`);
      return new Map([[edit.path, cleanText(files.get(edit.path), edit.body, clean)]]);
  }
}

/**
 * A file edited as text keeps nothing the redactor would take out: a training message's text is
 * redacted (as the form's are); any other new line with an identity, card or account number, a
 * password or a code is refused. Lines already published pass (the redactor reads some ids, such
 * as "code-chip-blank", as codes).
 */
function cleanText(before: string | undefined, body: string, clean: (text: string) => string): string {
  const old = new Set((before ?? '').split('\n'));
  return body
    .split('\n')
    .map((line, i) => {
      if (old.has(line) || clean(line) === line) return line;
      try {
        const example = JSON.parse(line) as Record<string, unknown>;
        if (example && typeof example['text'] === 'string' && typeof example['label'] === 'string') return JSON.stringify({ ...example, text: clean(example['text']) });
      } catch {
        // not a training line
      }
      throw new EditError('body', `line ${i + 1} looks like it holds an identity, card or account number, a password or a code; content must not`);
    })
    .join('\n');
}

function need(files: ContentFiles, path: string): string {
  const text = files.get(path);
  if (text === undefined) throw new EditError('path', `${path} is missing from the content`);
  return text;
}

type TopicEdit = Extract<ContentEdit, { type: 'topic' }>;

const FRONT = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** A topic file's front matter as a YAML document, and its answer below. */
export function splitTopic(text: string): { front: Document; answer: string } {
  const m = FRONT.exec(text);
  if (!m) throw new EditError('front matter', 'the topic file must begin with front matter between --- lines');
  return { front: parseDocument(m[1]!), answer: m[2]! };
}

function joinTopic(front: Document, answer: string): string {
  return `---\n${show(front)}---\n${answer.trim()}\n`;
}

function editTopic(before: string | undefined, edit: TopicEdit, day: string): string {
  if (edit.answer.trim().length < 10) throw new EditError('answer', 'the answer must be at least 10 characters');
  const { front, answer } = before ? splitTopic(before) : { front: parseDocument('{}'), answer: '' };
  if (!before) front.contents = front.createNode({}) as YAMLMap;
  const set = (key: string, value: unknown, flow = false) => setIfChanged(front, [key], value, flow);
  set('id', edit.id);
  set('title', edit.title);
  set('category', edit.category);
  for (const lang of ['nn', 'nb', 'en'] as const) setIfChanged(front, ['phrasings', lang], edit.phrasings[lang], false);
  set('keywords', edit.keywords, true);
  const changedBefore = !before || show(front) !== show(splitTopic(before).front) || answer.trim() !== edit.answer.trim();
  if (changedBefore) {
    set('status', 'draft');
    if (!front.has('reviewed')) set('reviewed', day);
  }
  if (edit.related.length || front.has('related')) set('related', edit.related, true);
  return changedBefore ? joinTopic(front, edit.answer) : before!;
}

/** Sets a value unless it is equal already, so untouched nodes keep their formatting. */
function setIfChanged(doc: Document, path: string[], value: unknown, flow: boolean): void {
  const current = doc.getIn(path, true) as { toJSON?: () => unknown } | unknown;
  const json = current && typeof current === 'object' && 'toJSON' in (current as object) ? (current as { toJSON: () => unknown }).toJSON() : current;
  if (JSON.stringify(json) === JSON.stringify(value)) return;
  const node = doc.createNode(value) as { flow?: boolean };
  if (Array.isArray(value)) node.flow = value.length === 0 || flow || (isSeq(current) && Boolean((current as YAMLSeq).flow));
  doc.setIn(path, node);
}

function editErrorCode(text: string, edit: Extract<ContentEdit, { type: 'error-code' }>, day: string): string {
  const doc = parseDocument(text);
  if (!isSeq(doc.contents)) throw new EditError('path', 'error-codes.yaml must be a list of error codes');
  const seq = doc.contents as YAMLSeq;
  let index = seq.items.findIndex((item) => isMap(item) && (item as YAMLMap).get('id') === edit.id);
  const values = { id: edit.id, codes: edit.codes.map((c) => c.toUpperCase()), meaning: edit.meaning, solution: edit.solution, keywords: edit.keywords };
  if (index < 0) {
    seq.items.push(doc.createNode({ ...values, status: 'draft', reviewed: day }));
    index = seq.items.length - 1;
    for (const key of ['codes', 'keywords']) ((seq.items[index] as YAMLMap).get(key, true) as unknown as YAMLSeq).flow = true;
    return show(doc);
  }
  const before = show(doc);
  for (const [key, value] of Object.entries(values)) setIfChanged(doc, [String(index), key], value, true);
  if (show(doc) !== before) doc.setIn([index, 'status'], 'draft');
  return show(doc);
}

function retire(files: ContentFiles, id: string): Map<string, string | null> {
  const topic = files.get(`topics/${id}.md`);
  if (topic !== undefined) {
    const { front, answer } = splitTopic(topic);
    front.set('status', 'retired');
    return new Map([[`topics/${id}.md`, joinTopic(front, answer)]]);
  }
  const doc = parseDocument(need(files, 'error-codes.yaml'));
  const seq = doc.contents as YAMLSeq;
  const index = isSeq(seq) ? seq.items.findIndex((item) => isMap(item) && (item as YAMLMap).get('id') === id) : -1;
  if (index < 0) throw new EditError('id', `no topic or error code "${id}"`);
  doc.setIn([index, 'status'], 'retired');
  return new Map([['error-codes.yaml', show(doc)]]);
}

function editMessages(text: string, texts: Record<string, string>): string {
  const doc = parseDocument(text);
  const before = show(doc);
  for (const [key, value] of Object.entries(texts)) {
    if (!value.trim()) throw new EditError(`texts.${key}`, 'must not be empty');
    setIfChanged(doc, [key], value, false);
  }
  if (show(doc) !== before) doc.set('status', 'draft');
  return show(doc);
}

function editBank(text: string, edit: Extract<ContentEdit, { type: 'bank' }>): string {
  const doc = parseDocument(text);
  if (edit.phone !== undefined) setIfChanged(doc, ['phone'], edit.phone, false);
  if (edit.openingHours !== undefined) setIfChanged(doc, ['openingHours'], edit.openingHours, false);
  if (edit.specialDays !== undefined) {
    const days = edit.specialDays.map((d) => ({ date: d.date, hours: d.hours, ...(d.note ? { note: d.note } : {}) }));
    const current = JSON.stringify((doc.get('specialDays', true) as { toJSON?: () => unknown } | undefined)?.toJSON?.() ?? []);
    if (current !== JSON.stringify(days)) {
      const node = doc.createNode(days) as YAMLSeq;
      for (const item of node.items) (item as YAMLMap).flow = true;
      doc.set('specialDays', node);
    }
  }
  return show(doc);
}

function editTraining(files: ContentFiles, add: { label: string; text: string; lang: string; kind?: string | undefined }[], remove: { path: string; text: string }[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const textOf = (path: string) => out.get(path) ?? files.get(path);
  for (const r of remove) {
    const text = textOf(r.path);
    if (text === undefined || !/^training\/[a-z0-9-]+\.jsonl$/.test(r.path)) throw new EditError('remove.path', `no training file ${r.path}`);
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.trim() && (JSON.parse(l) as { text?: string }).text === r.text);
    if (at < 0) throw new EditError('remove.text', `${r.path} has no message "${r.text.slice(0, 60)}"`);
    lines.splice(at, 1);
    out.set(r.path, lines.join('\n'));
  }
  if (add.length) {
    const before = textOf(EDITORS_TRAINING) ?? '';
    const lines = add.map((a) => JSON.stringify({ label: a.label, text: a.text, lang: a.lang, ...(a.kind ? { kind: a.kind } : {}), writer: 'editor' }));
    out.set(EDITORS_TRAINING, `${before}${before && !before.endsWith('\n') ? '\n' : ''}${lines.join('\n')}\n`);
  }
  return out;
}

/**
 * The text as published: what changed from `published` and is still marked draft becomes
 * approved, reviewed today. A draft that was already there and is untouched stays draft — the
 * reviewer approved what the diff showed, not more.
 */
export function markApproved(path: string, body: string | null, published: string | undefined, day: string): string | null {
  if (body === null) return null;
  if (path.startsWith('topics/')) {
    const { front, answer } = splitTopic(body);
    if (front.get('status') !== 'draft' || body === published) return body;
    front.set('status', 'approved');
    front.set('reviewed', day);
    return joinTopic(front, answer);
  }
  if (path === 'error-codes.yaml') {
    const doc = parseDocument(body);
    const before = published ? (parseDocument(published).toJSON() as { id: string }[]) : [];
    const old = new Map(before.map((e) => [e.id, e]));
    const seq = doc.contents as YAMLSeq;
    if (!isSeq(seq)) return body;
    seq.items.forEach((item, i) => {
      const entry = (item as YAMLMap).toJSON() as { id: string; status?: string };
      if (entry.status !== 'draft') return;
      const was = old.get(entry.id) as Record<string, unknown> | undefined;
      if (was && sameEntry(was, entry)) return;
      doc.setIn([i, 'status'], 'approved');
      doc.setIn([i, 'reviewed'], day);
    });
    return show(doc);
  }
  if (path === 'messages.yaml' || path === 'actions.yaml') {
    if (body === published) return body;
    const doc = parseDocument(body);
    if (doc.get('status') !== 'draft') return body;
    doc.set('status', 'approved');
    return show(doc);
  }
  return body;
}

function sameEntry(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const strip = ({ status: _s, reviewed: _r, ...rest }: Record<string, unknown>) => JSON.stringify(rest);
  return strip(a) === strip(b);
}
