// Changing the bank's content with four eyes: an editor saves a draft (validated as the whole pack
// it would make), a second editor or admin runs the quality check and approves or rejects it, and
// an approval publishes the file and tells every instance (onPublished). Rollback is a draft of an
// earlier text, reviewed like any other. Who may do what is checked here, not in the routes.
import { createTwoFilesPatch } from 'diff';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../chat/errors.js';
import type { Advisor } from '../chat/repositories/advisors.js';
import { applyEdit, EditError, markApproved, splitTopic } from './editing.js';
import type { ContentEdit } from './edits.js';
import type { ContentFiles } from './files.js';
import type { ContentJobs } from './jobs.js';
import { ContentError, contentPackOf } from './loader.js';
import type { QualityReport } from './quality.js';
import type { ContentStore, ContentVersion } from './store.js';

export const EDITOR_ROLES: readonly Advisor['role'][] = ['editor', 'admin'];

export function assertEditsContent(by: Pick<Advisor, 'role'>): void {
  if (!EDITOR_ROLES.includes(by.role)) throw new AppError('ERR_FORBIDDEN', 'the content is changed by editors and admins');
}

export interface WorkflowDeps {
  store: ContentStore;
  jobs: ContentJobs;
  now: () => Date;
  /** Editors' words pass the redactor like everything else people write. */
  redact: (text: string) => { text: string };
  nameOf: (advisorId: string) => Promise<string | null>;
  /** After a publication: tell every instance (the event bus). */
  onPublished: (release: number) => Promise<void>;
  evalDir: string;
  serveDrafts: boolean;
  /** Folds of the quality check's cross-validation (0: none). */
  qualityFolds?: number;
}

export type ItemKind = 'topic' | 'error-code' | 'messages' | 'bank' | 'file';
type Status = 'approved' | 'draft' | 'retired';

const osloDay = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(d);

export function contentWorkflow(deps: WorkflowDeps) {
  const { store, now } = deps;
  const clean = (text: string) => deps.redact(text).text;
  const checking = new Map<string, Promise<void>>();
  const checkErrors = new Map<string, string>();

  async function draftView(v: ContentVersion) {
    return { id: v.id, path: v.path, version: v.version, authorId: v.authorId, authorName: v.authorId ? await deps.nameOf(v.authorId) : null, summary: v.summary, updatedAt: v.updatedAt, checked: v.quality !== null };
  }

  async function versionView(v: ContentVersion) {
    return {
      id: v.id,
      path: v.path,
      version: v.version,
      state: v.state,
      basedOn: v.basedOn,
      release: v.release,
      summary: v.summary,
      authorName: v.authorId ? await deps.nameOf(v.authorId) : null,
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
      reviewerName: v.reviewerId ? await deps.nameOf(v.reviewerId) : null,
      reviewedAt: v.reviewedAt,
      reviewComment: v.reviewComment,
      overrideReason: v.overrideReason,
      removed: v.body === null,
    };
  }

  /** The pack's files with these changes (null: removed), validated as a whole; a ContentError names the field. */
  function validated(files: ContentFiles, changes: ReadonlyMap<string, string | null>): Map<string, string> {
    const next = new Map(files);
    for (const [path, body] of changes) {
      if (body === null) next.delete(path);
      else next.set(path, body);
    }
    try {
      contentPackOf(next);
    } catch (e) {
      if (e instanceof ContentError) throw new AppError('ERR_CONTENT_INVALID', e.message, { file: e.file.replace(/^content\//, ''), field: e.field, problem: e.problem });
      throw e;
    }
    return next;
  }

  /** The files an editor works on: published, with the open drafts of `authorId` on top. */
  async function workingFiles(authorId: string): Promise<{ published: Awaited<ReturnType<ContentStore['published']>>; files: Map<string, string> }> {
    const published = await store.published();
    const files = new Map(published.files);
    for (const d of await store.drafts()) {
      if (d.authorId !== authorId) continue;
      if (d.body === null) files.delete(d.path);
      else files.set(d.path, d.body);
    }
    return { published, files };
  }

  function edited(files: ContentFiles, edit: ContentEdit): Map<string, string | null> {
    try {
      return applyEdit(files, edit, clean, osloDay(now()));
    } catch (e) {
      if (e instanceof EditError) throw new AppError('ERR_CONTENT_INVALID', `${e.field}: ${e.message}`, { file: null, field: e.field, problem: e.message });
      throw e;
    }
  }

  async function openDraft(id: string): Promise<ContentVersion> {
    const v = await store.byId(id);
    if (!v) throw new AppError('ERR_NOT_FOUND', 'no such content version');
    if (v.state !== 'draft') throw new AppError('ERR_INVALID_TRANSITION', `this version is ${v.state}, not an open draft`);
    return v;
  }

  /** The whole pack as it would be published with this draft approved. */
  async function candidate(v: ContentVersion): Promise<{ before: Map<string, string>; after: Map<string, string>; body: string | null }> {
    const published = await store.published();
    const body = markApproved(v.path, v.body, published.files.get(v.path), osloDay(now()));
    const after = new Map(published.files);
    if (body === null) after.delete(v.path);
    else after.set(v.path, body);
    return { before: published.files, after, body };
  }

  return {
    async overview(by: Advisor) {
      assertEditsContent(by);
      const published = await store.published();
      const drafts = await store.drafts();
      const draftOf = new Map<string, Awaited<ReturnType<typeof draftView>>>();
      for (const d of drafts) draftOf.set(d.path, await draftView(d));
      const items = listItems(published.files).map((i) => ({ ...i, draft: draftOf.get(i.path) ?? null }));
      // Topics that exist only in a draft (new ones) are items too.
      for (const d of drafts) {
        if (!d.path.startsWith('topics/') || published.files.has(d.path) || d.body === null) continue;
        const t = topicFieldsOf(d.body);
        items.push({ kind: 'topic', id: d.path.slice(7, -3), path: d.path, title: t.title, status: null, draft: draftOf.get(d.path)! });
      }
      return { release: published.release, items, drafts: [...draftOf.values()] };
    },

    async item(by: Advisor, kind: ItemKind, id: string) {
      assertEditsContent(by);
      const path = pathOf(kind, id);
      const published = await store.published();
      const draft = await store.openDraft(path);
      const publishedFields = published.files.has(path) ? fieldsOf(kind, id, published.files.get(path)!) : null;
      const draftFields = draft?.body ? fieldsOf(kind, id, draft.body) : null;
      const fields = draftFields ?? publishedFields;
      if (!fields) throw new AppError('ERR_NOT_FOUND', `no ${kind} "${id}"`);
      const title = 'title' in fields ? fields.title : kind === 'error-code' ? `Feilkode BID-${(fields as { codes: string[] }).codes.join(', BID-')}` : id;
      const status = 'status' in fields ? (fields.status as Status) : null;
      return { item: { kind, id, path, title, status, draft: draft ? await draftView(draft) : null }, fields, published: publishedFields };
    },

    async training(by: Advisor, q: { q?: string | undefined; label?: string | undefined; limit: number }) {
      assertEditsContent(by);
      const { files } = await store.published();
      const needle = q.q?.trim().toLowerCase();
      const out: { path: string; label: string; text: string; lang: string; kind?: string }[] = [];
      let total = 0;
      for (const [path, text] of files) {
        if (!path.startsWith('training/') || !path.endsWith('.jsonl')) continue;
        for (const line of text.split('\n')) {
          if (!line.trim()) continue;
          const e = JSON.parse(line) as { label: string; text: string; lang: string; kind?: string };
          if (q.label && e.label !== q.label) continue;
          if (needle && !e.text.toLowerCase().includes(needle)) continue;
          total++;
          if (out.length < q.limit) out.push({ path, label: e.label, text: e.text, lang: e.lang, ...(e.kind ? { kind: e.kind } : {}) });
        }
      }
      return { total, messages: out };
    },

    /** The answer as the bot would send it with this edit: the loader makes it, as it will when published. */
    async preview(by: Advisor, edit: ContentEdit) {
      assertEditsContent(by);
      const { files } = await workingFiles(by.id);
      const next = validated(files, edited(files, edit));
      const id = 'id' in edit ? edit.id : undefined;
      const topic = contentPackOf(next).topics.find((t) => t.id === id);
      if (!topic) throw new AppError('ERR_VALIDATION', 'only topics and error codes have an answer to preview');
      return { title: topic.title, text: topic.answer.replace(/\s+\n/g, '\n').trim() };
    },

    async saveDraft(by: Advisor, edit: ContentEdit, summary: string) {
      assertEditsContent(by);
      const { published, files } = await workingFiles(by.id);
      const changes = edited(files, edit);
      validated(files, changes);
      const saved = [];
      for (const [path, body] of changes) {
        if (body === (published.files.get(path) ?? null) && !(await store.openDraft(path))) continue; // nothing changed
        const r = await store.saveDraft({ path, body, basedOn: published.versions.get(path) ?? null, summary: clean(summary), authorId: by.id, at: now() });
        if ('heldBy' in r) {
          const who = r.heldBy ? await deps.nameOf(r.heldBy) : null;
          throw new AppError('ERR_DRAFT_HELD', `${who ?? 'another editor'} has an open draft of ${path}: it must be approved, rejected or withdrawn first`, { path, heldBy: who });
        }
        checkErrors.delete(r.draft.id);
        saved.push(await draftView(r.draft));
      }
      if (!saved.length) throw new AppError('ERR_VALIDATION', 'nothing changed: the text is as published');
      return { drafts: saved };
    },

    async version(by: Advisor, id: string) {
      assertEditsContent(by);
      const v = await store.byId(id);
      if (!v) throw new AppError('ERR_NOT_FOUND', 'no such content version');
      const before = v.basedOn !== null ? ((await store.version(v.path, v.basedOn))?.body ?? '') : '';
      const diff = createTwoFilesPatch(`${v.path} (v${v.basedOn ?? 0})`, `${v.path} (v${v.version})`, before ?? '', v.body ?? '', '', '', { context: 3 });
      return {
        version: await versionView(v),
        diff,
        quality: (v.quality as QualityReport | null) ?? null,
        checking: checking.has(v.id),
        checkError: checkErrors.get(v.id) ?? null,
        canDecide: v.state === 'draft' && v.authorId !== by.id,
      };
    },

    /** Starts the quality check of a draft (in the worker); its report is stored with the draft. */
    async check(by: Advisor, id: string): Promise<void> {
      assertEditsContent(by);
      const v = await openDraft(id);
      if (checking.has(id)) return;
      const { before, after } = await candidate(v);
      checkErrors.delete(id);
      const run = deps.jobs
        .run({ kind: 'quality', input: { before, after, evalDir: deps.evalDir, serveDrafts: deps.serveDrafts, ...(deps.qualityFolds !== undefined ? { folds: deps.qualityFolds } : {}) } })
        .then(async (report) => {
          await store.setQuality(id, v.updatedAt, report);
        })
        .catch((e: unknown) => void checkErrors.set(id, (e as Error).message))
        .finally(() => checking.delete(id));
      checking.set(id, run);
    },

    /** For tests and the CLI: wait for a check started here. */
    async checked(id: string): Promise<void> {
      await checking.get(id);
    },

    async approve(by: Advisor, id: string, body: { comment?: string | undefined; overrideReason?: string | undefined }) {
      assertEditsContent(by);
      const v = await openDraft(id);
      if (v.authorId === by.id) throw new AppError('ERR_OWN_DRAFT', 'a second person approves a change: ask another editor or an admin');
      const report = v.quality as QualityReport | null;
      if (!report) throw new AppError('ERR_QUALITY_PENDING', 'run the quality check on this draft first (POST …/check)');
      if (report.belowFloor && !body.overrideReason) {
        const below = report.sets.filter((s) => s.belowFloor).map((s) => `${s.name} ${(100 * s.after.all).toFixed(1)}%`);
        throw new AppError('ERR_QUALITY_FLOOR', `the change takes ${below.join(', ')} below the floor: publish only with a reason (overrideReason)`, { sets: below });
      }
      const { body: text } = await candidate(v);
      const r = await store.decide(id, { state: 'approved', reviewerId: by.id, comment: body.comment ? clean(body.comment) : null, overrideReason: body.overrideReason ? clean(body.overrideReason) : null, body: text, at: now() });
      if ('problem' in r) throw problem(r.problem);
      await deps.onPublished(r.ok.release!);
      return { version: await versionView(r.ok) };
    },

    async reject(by: Advisor, id: string, comment: string) {
      assertEditsContent(by);
      const v = await openDraft(id);
      if (v.authorId === by.id) throw new AppError('ERR_OWN_DRAFT', 'your own draft is withdrawn, not rejected');
      const r = await store.decide(id, { state: 'rejected', reviewerId: by.id, comment: clean(comment), at: now() });
      if ('problem' in r) throw problem(r.problem);
      return { version: await versionView(r.ok) };
    },

    async withdraw(by: Advisor, id: string) {
      assertEditsContent(by);
      const v = await openDraft(id);
      if (v.authorId !== by.id) throw new AppError('ERR_FORBIDDEN', 'only the author withdraws a draft; a reviewer rejects it');
      const r = await store.decide(id, { state: 'withdrawn', reviewerId: by.id, comment: null, at: now() });
      if ('problem' in r) throw problem(r.problem);
      return { version: await versionView(r.ok) };
    },

    async history(by: Advisor, path: string) {
      assertEditsContent(by);
      const versions = await store.history(path);
      return { versions: await Promise.all(versions.map(versionView)) };
    },

    /** A draft whose text is that of an earlier version; approved like any other change. */
    async rollback(by: Advisor, path: string, version: number, summary: string) {
      assertEditsContent(by);
      const old = await store.version(path, version);
      if (!old) throw new AppError('ERR_NOT_FOUND', `${path} has no version ${version}`);
      if (old.state !== 'approved') throw new AppError('ERR_INVALID_TRANSITION', `version ${version} was ${old.state}, never published: only published versions are rolled back to`);
      const published = await store.published();
      validated(published.files, new Map([[path, old.body]]));
      const r = await store.saveDraft({ path, body: old.body, basedOn: published.versions.get(path) ?? null, summary: clean(summary), authorId: by.id, at: now() });
      if ('heldBy' in r) throw new AppError('ERR_DRAFT_HELD', `${r.heldBy ? ((await deps.nameOf(r.heldBy)) ?? 'another editor') : 'another editor'} has an open draft of ${path}`, { path });
      return { drafts: [await draftView(r.draft)] };
    },
  };
}

export type ContentWorkflow = ReturnType<typeof contentWorkflow>;

function problem(p: 'not-open' | 'stale'): AppError {
  return p === 'stale'
    ? new AppError('ERR_STALE', 'the file was published again since this draft was made: withdraw it and edit the new text')
    : new AppError('ERR_INVALID_TRANSITION', 'this draft was decided meanwhile');
}

export function pathOf(kind: ItemKind, id: string): string {
  switch (kind) {
    case 'topic':
      return `topics/${id}.md`;
    case 'error-code':
      return 'error-codes.yaml';
    case 'messages':
      return 'messages.yaml';
    case 'bank':
      return 'bank.yaml';
    case 'file':
      return id;
  }
}

type Fields = ReturnType<typeof fieldsOf>;

function fieldsOf(kind: ItemKind, id: string, text: string) {
  switch (kind) {
    case 'topic':
      return topicFieldsOf(text);
    case 'error-code': {
      const e = (parseYaml(text) as Record<string, unknown>[]).find((x) => x['id'] === id);
      if (!e) return null;
      return { codes: (e['codes'] as string[]).map(String), meaning: String(e['meaning']), solution: String(e['solution']), keywords: ((e['keywords'] as string[] | undefined) ?? []).map(String), status: e['status'] as Status };
    }
    case 'messages': {
      const { status, ...texts } = parseYaml(text) as Record<string, string>;
      return { texts, status: status as 'approved' | 'draft' };
    }
    case 'bank': {
      const b = parseYaml(text) as { phone: string; openingHours: string; specialDays?: { date: unknown; hours: string; note?: string }[] };
      return { phone: String(b.phone), openingHours: b.openingHours, specialDays: (b.specialDays ?? []).map((d) => ({ date: d.date instanceof Date ? d.date.toISOString().slice(0, 10) : String(d.date), hours: d.hours, ...(d.note ? { note: d.note } : {}) })) };
    }
    case 'file':
      return { body: text };
  }
}

function topicFieldsOf(text: string) {
  const { front, answer } = splitTopic(text);
  const f = front.toJSON() as { title: string; category: string; phrasings?: { nn?: string[]; nb?: string[]; en?: string[] }; keywords?: string[]; related?: string[]; status: Status };
  return { title: f.title, category: f.category, phrasings: { nn: f.phrasings?.nn ?? [], nb: f.phrasings?.nb ?? [], en: f.phrasings?.en ?? [] }, keywords: f.keywords ?? [], related: f.related ?? [], answer: answer.trim(), status: f.status };
}

/** The editor's list: every topic, error code, the texts, the bank's facts and the other files. */
function listItems(files: ContentFiles): { kind: ItemKind; id: string; path: string; title: string; status: Status | null }[] {
  const out: { kind: ItemKind; id: string; path: string; title: string; status: Status | null }[] = [];
  for (const [path, text] of files) {
    if (path.startsWith('topics/')) {
      const t = topicFieldsOf(text);
      out.push({ kind: 'topic', id: path.slice(7, -3), path, title: t.title, status: t.status });
    } else if (path === 'error-codes.yaml') {
      for (const e of parseYaml(text) as { id: string; codes: string[]; status: Status }[]) out.push({ kind: 'error-code', id: e.id, path, title: `Feilkode BID-${e.codes.map(String).join(', BID-')}`, status: e.status });
    } else if (path === 'messages.yaml') {
      out.push({ kind: 'messages', id: 'messages', path, title: 'Assistenten sine eigne tekstar', status: (parseYaml(text) as { status: Status }).status });
    } else if (path === 'bank.yaml') {
      out.push({ kind: 'bank', id: 'bank', path, title: 'Fakta om banken (telefon, opningstider, særskilde dagar)', status: null });
    } else {
      out.push({ kind: 'file', id: path, path, title: path, status: null });
    }
  }
  return out;
}

export type { Fields };
