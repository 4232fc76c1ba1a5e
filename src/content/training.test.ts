// The training corpus as content: enough examples for every label, every label known, and a
// bad line named by file and line.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError, loadContentPack } from './index.js';

const pack = loadContentPack('content');
const count = (label: string) => pack.training.filter((e) => e.label === label).length;

describe('content/training', () => {
  it('has at least 4,000 messages, 60 for every topic, and the non-topic classes the issue asks for', () => {
    expect(pack.training.length).toBeGreaterThanOrEqual(4000);
    const thin = pack.topics.filter((t) => count(t.id) < 60).map((t) => `${t.id}: ${count(t.id)}`);
    expect(thin).toEqual([]);
    expect(count('urgent')).toBeGreaterThanOrEqual(300);
    expect(count('not-covered')).toBeGreaterThanOrEqual(200);
    expect(count('out-of-scope')).toBeGreaterThanOrEqual(200);
    expect(count('off-topic')).toBeGreaterThanOrEqual(100);
    for (const l of ['human', 'not-helped', 'greeting', 'thanks']) expect(count(l)).toBeGreaterThan(20);
  });

  it('covers every kind of urgent risk and every language form', () => {
    const kinds = new Set(pack.training.filter((e) => e.kind).map((e) => e.kind));
    expect(kinds.size).toBe(7);
    expect(new Set(pack.training.map((e) => e.lang))).toEqual(new Set(['nn', 'nb', 'en', 'dial', 'typo']));
  });

  it('names the file and line of a bad example', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kundesenter-training-'));
    cpSync('content', dir, { recursive: true });
    const bad = (line: string) => {
      writeFileSync(join(dir, 'training', 'zz-bad.jsonl'), `${line}\n`);
      try {
        loadContentPack(dir);
        return '';
      } catch (e) {
        expect(e).toBeInstanceOf(ContentError);
        return (e as Error).message;
      }
    };
    expect(bad('{"label":"no-such-topic","text":"hei","lang":"nn","writer":"x"}')).toMatch(/zz-bad\.jsonl:1: label/);
    expect(bad('{"label":"urgent","text":"nokon stal mobilen","lang":"nn","writer":"x"}')).toMatch(/zz-bad\.jsonl:1: kind/);
    expect(bad('not json')).toMatch(/zz-bad\.jsonl:1: not valid JSON/);
  });
});
