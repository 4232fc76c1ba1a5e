// The parsed content pack kept beside the trained models (MODEL_CACHE_DIR), so a restart reads
// one JSON file (milliseconds) instead of parsing every YAML file and training line again and
// validating them (a seventh of the start-up). Only the built service caches: the key is the
// files and the build (`npm run build` writes dist/server/build-id, a hash of the bundle), so
// a new build never reads a pack an older loader made. Run from the sources (tests, tsx), each
// call parses, as it always did.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCacheDir } from '../engine/model/cache.js';
import type { ContentFiles } from './files.js';
import { contentPackOf } from './loader.js';
import type { ContentPack } from './types.js';

/** Beside the bundle this module is part of; absent when run from the sources. */
export const BUILD_ID_FILE = 'build-id';

function buildId(): string | undefined {
  try {
    return readFileSync(fileURLToPath(new URL(`./${BUILD_ID_FILE}`, import.meta.url)), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export function packKey(files: ContentFiles, build: string): string {
  const h = createHash('sha256').update(build);
  for (const path of [...files.keys()].sort()) h.update(`\u0000${path}\u0000${files.get(path)}`);
  return h.digest('hex').slice(0, 32);
}

/** `contentPackOf(files)`, from the cache when this build has parsed the same files before. */
export function cachedPackOf(files: ContentFiles, { dir = defaultCacheDir(), build = buildId() }: { dir?: string; build?: string | undefined } = {}): ContentPack {
  if (!build) return contentPackOf(files);
  const file = join(dir, `${packKey(files, build)}.pack.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ContentPack;
  } catch {
    // absent or unreadable: parse
  }
  const pack = contentPackOf(files);
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}`;
    writeFileSync(tmp, JSON.stringify(pack));
    renameSync(tmp, file);
  } catch {
    // A read-only disk costs only the next start's parse.
  }
  return pack;
}
