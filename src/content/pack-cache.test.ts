import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readContentFolder } from './files.js';
import { contentPackOf } from './loader.js';
import { cachedPackOf, packKey } from './pack-cache.js';

describe('the content pack cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kundesenter-packs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files = readContentFolder('content');

  it('parses, and keeps nothing, when run from the sources (no build id)', () => {
    expect(cachedPackOf(files, { dir, build: undefined })).toEqual(contentPackOf(files));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('gives the parsed pack, then the same from its file for the same build and files', () => {
    const parsed = cachedPackOf(files, { dir, build: 'build-a' });
    expect(parsed).toEqual(contentPackOf(files));
    const file = join(dir, `${packKey(files, 'build-a')}.pack.json`);
    // Marked, to see the second call read it rather than parse.
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { bank: { name: string } };
    writeFileSync(file, JSON.stringify({ ...kept, bank: { ...kept.bank, name: 'Frå fila' } }));
    expect(cachedPackOf(files, { dir, build: 'build-a' }).bank.name).toBe('Frå fila');
    expect({ ...cachedPackOf(files, { dir, build: 'build-a' }), bank: parsed.bank }).toEqual(parsed);
  });

  it('never reads a pack of another build or of other files', () => {
    const changed = new Map(files);
    const [path, text] = [...files].find(([p]) => p.endsWith('.md'))!;
    changed.set(path, `${text}\n`);
    const keys = new Set([packKey(files, 'build-a'), packKey(files, 'build-b'), packKey(changed, 'build-a')]);
    expect(keys.size).toBe(3);
    expect(cachedPackOf(files, { dir, build: 'build-b' }).bank.name).not.toBe('Frå fila');
  });
});
