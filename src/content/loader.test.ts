import { cpSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/index.js';
import { redact } from '../engine/privacy/redact.js';
import { ContentError, loadContentPack } from './index.js';

function copyPack(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pack-'));
  cpSync('content', dir, { recursive: true });
  return dir;
}

describe('content pack', () => {
  const pack = loadContentPack('content');

  it('loads the bank, its topics and its error codes', () => {
    expect(pack.bank.phone).toBe('57 82 97 00');
    expect(pack.topics.length).toBeGreaterThan(40);
    expect(pack.topics.find((t) => t.id === 'bid-20xx')?.codes).toEqual(['2030', '2031', '2032', '2033', '2034', '20A1', '20A2', '20B0', '20B1', '20C1']);
  });

  it("has no text the storage redactor would change: the bot's replies are stored as written", () => {
    const texts: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') texts.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    for (const t of pack.topics) walk([t.title, t.answer, t.meaning ?? '', t.solution ?? '']);
    walk(pack.messages);
    walk(pack.bank);
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((t) => redact(t).text !== t)).toEqual([]);
  });

  it('marks what we wrote ourselves as draft', () => {
    expect(pack.topics.find((t) => t.id === 'bid-5000')?.status).toBe('draft');
    expect(pack.topics.find((t) => t.id === 'forgot-password')?.status).toBe('draft');
  });

  it('reaches every topic: asking its own question gets its answer', () => {
    const engine = createEngine(pack);
    const unreachable = pack.topics
      .filter((t) => t.kind === 'topic')
      .filter((t) => !engine.reply([t.title]).sources.includes(t.id) && !engine.reply([t.phrasings[0]!]).sources.includes(t.id) && !engine.reply([t.title]).options.some((o) => o.topicId === t.id))
      .map((t) => t.id);
    expect(unreachable).toEqual([]);
    for (const t of pack.topics.filter((x) => x.kind === 'error-code')) {
      for (const code of t.codes) expect(engine.reply([`BID-${code}`]).sources).toEqual([t.id]);
    }
  });

  it('fails naming the file, the field and what is wrong', () => {
    const dir = copyPack();
    const file = join(dir, 'topics', 'children.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: approved', 'status: maybe'));
    expect(() => loadContentPack(dir)).toThrow(ContentError);
    expect(() => loadContentPack(dir)).toThrow(/children\.md: status: /);
  });

  it('rejects an error code listed twice', () => {
    const dir = copyPack();
    const file = join(dir, 'error-codes.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('codes: ["1200"]', 'codes: ["1200", "1433"]'));
    expect(() => loadContentPack(dir)).toThrow(/BID-1433 is listed under both/);
  });
});

describe('vocabulary', () => {
  it('maps no word onto two concepts, and no concept word onto a stop word, once æ/ø/å are folded', async () => {
    const { fold, normalise } = await import('../engine/normalise.js');
    const { vocabulary } = loadContentPack('content');
    const key = (w: string) => fold(normalise(w));
    const stop = new Set(vocabulary.stopwords.map(key));
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [concept, forms] of Object.entries(vocabulary.concepts)) {
      for (const form of forms) {
        const k = key(form);
        if (stop.has(k)) clashes.push(`${concept}: "${form}" is also a stop word`);
        const other = owner.get(k);
        if (other && other !== concept) clashes.push(`"${form}" is in both ${other} and ${concept}`);
        owner.set(k, concept);
      }
    }
    expect(clashes).toEqual([]);
  });
});
