// Content operations end to end, on a real service: an editor changes an answer, a second editor
// checks its quality and approves it, customers get the new text without a restart — on another
// instance too (PostgreSQL + Redis); a rejected draft is never served; rollback restores the text;
// export then import changes nothing.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportContent, importContent } from '../cli/content-sync.js';
import { readContentFolder } from '../content/files.js';
import { testDatabaseLocation, testDatabaseUrl, testRedisUrl, type TestDatabaseLocation } from '../db/testing.js';
import { ADMIN, client, startTestServer, type TestServer } from './testing.js';

const NEW_ANSWER = 'Når kodebrikka berre viser ein dato, er batteriet snart tomt. Bestill ei ny kodebrikke i nettbanken, så sender vi den til deg.';
const QUESTION = 'kodebrikka mi viser berre ein dato, ingen tal';

type Api = ReturnType<typeof client>;

async function editorOn(server: TestServer, email: string): Promise<Api> {
  const admin = client(server.url);
  await admin.post('/api/advisor/login', ADMIN);
  const made = await admin.post('/api/admin/advisors', { email, name: email.split('@')[0], role: 'editor', password: 'long enough password 1' });
  expect([201, 409]).toContain(made.status);
  const editor = client(server.url);
  expect((await editor.post('/api/advisor/login', { email, password: 'long enough password 1' })).status).toBe(200);
  return editor;
}

async function ask(server: TestServer, text: string): Promise<string> {
  const { token, id } = (await client(server.url).post<{ id: string; token: string }>('/api/conversations')).body;
  const r = await client(server.url, { token }).post<{ replies: { text: string }[] }>(`/api/conversations/${id}/messages`, { text, clientMessageId: randomBytes(6).toString('hex') });
  return r.body.replies.map((x) => x.text).join('\n');
}

async function eventually(what: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > until) throw new Error('not within the time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function topicEdit(editor: Api, answer: string) {
  const item = await editor.get<{ fields: Record<string, unknown> }>('/api/content/items/topic/code-chip-blank');
  const { status: _status, ...fields } = item.body.fields;
  return { type: 'topic', id: 'code-chip-blank', ...fields, answer };
}

/** Saves, checks and approves a draft: the author saves, the reviewer checks and approves. */
async function publish(author: Api, reviewer: Api, edit: unknown, summary: string): Promise<string> {
  const saved = await author.post<{ drafts: { id: string }[] }>('/api/content/drafts', { edit, summary });
  expect(saved.status).toBe(200);
  const id = saved.body.drafts[0]!.id;
  expect((await reviewer.post(`/api/content/versions/${id}/check`)).status).toBe(202);
  await eventually(async () => (await reviewer.get<{ quality: unknown }>(`/api/content/versions/${id}`)).body.quality !== null, 90_000);
  const approved = await reviewer.post(`/api/content/versions/${id}/approve`, { comment: 'ser bra ut' });
  expect(approved.status).toBe(200);
  return id;
}

describe('content operations on one instance (SQLite)', () => {
  let where: TestDatabaseLocation;
  let server: TestServer;
  let anna: Api;
  let bjorn: Api;

  beforeAll(async () => {
    where = testDatabaseLocation('sqlite');
    server = await startTestServer({ ...where, qualityFolds: 2 });
    anna = await editorOn(server, 'anna@bank.test');
    bjorn = await editorOn(server, 'bjorn@bank.test');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await where?.cleanup();
  });

  it('refuses an invalid change at its field, stores nothing, and keeps the content to editors', async () => {
    const edit = { ...(await topicEdit(anna, NEW_ANSWER)), title: 'ab' };
    const bad = await anna.post<{ error: { code: string; details: { field: string } } }>('/api/content/drafts', { edit, summary: 'kort tittel' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('title');
    expect((await anna.get<{ drafts: unknown[] }>('/api/content')).body.drafts).toEqual([]);
    const advisor = client(server.url);
    await advisor.post('/api/advisor/login', ADMIN);
    expect((await client(server.url).get('/api/content')).status).toBe(401);
  });

  it('an approved change is served at once; the author cannot approve it; it needs its quality check', async () => {
    const before = await ask(server, QUESTION);
    expect(before).not.toContain(NEW_ANSWER);
    const saved = await anna.post<{ drafts: { id: string }[] }>('/api/content/drafts', { edit: await topicEdit(anna, NEW_ANSWER), summary: 'Ny tekst om batteri' });
    const id = saved.body.drafts[0]!.id;
    expect(await ask(server, QUESTION)).not.toContain(NEW_ANSWER); // a draft is not served

    expect((await anna.post<{ error: { code: string } }>(`/api/content/versions/${id}/approve`, {})).body.error.code).toBe('ERR_OWN_DRAFT');
    expect((await bjorn.post<{ error: { code: string } }>(`/api/content/versions/${id}/approve`, {})).body.error.code).toBe('ERR_QUALITY_PENDING');
    const view = await bjorn.get<{ diff: string; canDecide: boolean }>(`/api/content/versions/${id}`);
    expect(view.body.canDecide).toBe(true);
    expect(view.body.diff).toContain(`+${NEW_ANSWER}`);

    await bjorn.post(`/api/content/versions/${id}/check`);
    await eventually(async () => (await bjorn.get<{ quality: unknown }>(`/api/content/versions/${id}`)).body.quality !== null, 90_000);
    const checked = await bjorn.get<{ quality: { sets: { name: string }[]; changedCount: number; crossValidation: { before: number; after: number }; belowFloor: boolean } }>(`/api/content/versions/${id}`);
    expect(checked.body.quality.sets.map((s) => s.name)).toContain('holdout');
    expect(checked.body.quality.changedCount).toBeGreaterThan(0); // the cases answered with this topic now read the new text
    expect(checked.body.quality.crossValidation.after).toBeGreaterThan(0.5);
    expect(checked.body.quality.belowFloor).toBe(false);

    expect((await bjorn.post(`/api/content/versions/${id}/approve`, { comment: 'godkjent' })).status).toBe(200);
    await eventually(async () => (await ask(server, QUESTION)).includes(NEW_ANSWER));
    const file = await bjorn.get<{ fields: { status: string } }>('/api/content/items/topic/code-chip-blank');
    expect(file.body.fields.status).toBe('approved');
  }, 180_000);

  it('a rejected draft is never served, and rollback restores the earlier text', async () => {
    const rejectedText = 'Denne teksten vart avvist og skal aldri visast til nokon kunde i chatten.';
    const saved = await bjorn.post<{ drafts: { id: string }[] }>('/api/content/drafts', { edit: await topicEdit(bjorn, rejectedText), summary: 'prøve' });
    const id = saved.body.drafts[0]!.id;
    const rejected = await anna.post(`/api/content/versions/${id}/reject`, { comment: 'Feil tone' });
    expect(rejected.status).toBe(200);
    expect((await anna.post<{ error: { code: string } }>(`/api/content/versions/${id}/approve`, {})).body.error.code).toBe('ERR_INVALID_TRANSITION');
    expect(await ask(server, QUESTION)).not.toContain(rejectedText);

    const history = await anna.get<{ versions: { version: number; state: string }[] }>('/api/content/history?path=topics/code-chip-blank.md');
    expect(history.body.versions.map((v) => v.state)).toEqual(['rejected', 'approved', 'approved']);
    const first = history.body.versions.at(-1)!.version;
    const back = await anna.post<{ drafts: { id: string }[] }>('/api/content/rollback', { path: 'topics/code-chip-blank.md', version: first, summary: 'tilbake til banken sin tekst' });
    expect(back.status).toBe(200);
    const rollbackId = back.body.drafts[0]!.id;
    await bjorn.post(`/api/content/versions/${rollbackId}/check`);
    await eventually(async () => (await bjorn.get<{ quality: unknown }>(`/api/content/versions/${rollbackId}`)).body.quality !== null, 90_000);
    expect((await bjorn.post(`/api/content/versions/${rollbackId}/approve`, {})).status).toBe(200);
    await eventually(async () => !(await ask(server, QUESTION)).includes(NEW_ANSWER));
    const restored = await anna.get<{ fields: { answer: string } }>('/api/content/items/topic/code-chip-blank');
    expect(restored.body.fields.answer).toBe(readFileSync('content/topics/code-chip-blank.md', 'utf8').split('\n---\n')[1]!.trim());
  }, 180_000);
});

describe('export and import', () => {
  it('export then import gives the same content byte for byte, and imports nothing', async () => {
    const where = testDatabaseLocation('sqlite');
    const out = mkdtempSync(join(tmpdir(), 'kundesenter-export-'));
    const env = { DATA_DIR: where.dataDir, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
    try {
      const at = new Date('2026-12-01T10:00:00Z');
      expect((await importContent('content', env, at)).length).toBe(readContentFolder('content').size);
      const exported = await exportContent(out, env);
      expect(exported.removed).toEqual([]);
      const original = readContentFolder('content');
      const copy = readContentFolder(out);
      expect([...copy.keys()]).toEqual([...original.keys()]);
      for (const [path, text] of original) expect(Buffer.from(copy.get(path)!).equals(Buffer.from(text)), path).toBe(true);
      expect(await importContent(out, env, at)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
      await where.cleanup();
    }
  });
});

const cluster = testDatabaseUrl && testRedisUrl;
describe.skipIf(!cluster)('content operations in cluster mode (PostgreSQL + Redis)', () => {
  let where: TestDatabaseLocation;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    where = testDatabaseLocation('postgres');
    const shared = { ...where, redisUrl: testRedisUrl, channel: `test-${randomBytes(4).toString('hex')}`, qualityFolds: 0, contentPollMs: 600_000 };
    [a, b] = await Promise.all([startTestServer(shared), startTestServer(shared)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await where?.cleanup();
  });

  it('an answer approved on B is served on A without a restart, mid-conversation', async () => {
    const { token, id } = (await client(a.url).post<{ id: string; token: string }>('/api/conversations')).body;
    const customer = client(a.url, { token });
    await customer.post(`/api/conversations/${id}/messages`, { text: 'hei', clientMessageId: 'c1' });
    const anna = await editorOn(b, 'anna@bank.test');
    const bjorn = await editorOn(b, 'bjorn@bank.test');
    await publish(anna, bjorn, await topicEdit(anna, NEW_ANSWER), 'Ny tekst');
    // the poll is off (10 minutes): only the bus can have told A
    let n = 2;
    await eventually(async () => {
      const r = await customer.post<{ replies: { text: string }[] }>(`/api/conversations/${id}/messages`, { text: QUESTION, clientMessageId: `c${n++}` });
      return r.body.replies.some((x) => x.text.includes(NEW_ANSWER));
    });
    const transcript = await customer.get<{ messages: { seq: number }[] }>(`/api/conversations/${id}/messages`);
    const seqs = transcript.body.messages.map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1)); // nothing lost or doubled
  }, 180_000);
});
