// A content pack as files: path within the pack ("topics/browser.md", "error-codes.yaml") → text.
// The folder (content/) and the database's published versions are two stores of the same files,
// so export and import copy texts as they are: byte for byte where nothing changed.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type ContentFiles = ReadonlyMap<string, string>;

/** The files that make a pack; anything else in the folder (a README, an editor's backup) is not content. */
export function isContentPath(path: string): boolean {
  return /^[a-z0-9-]+\.yaml$/.test(path) || /^topics\/[a-z0-9-]+\.md$/.test(path) || /^training\/[a-z0-9-]+\.jsonl$/.test(path) || path === 'training/calibration.json';
}

export function trainingFiles(files: ContentFiles): string[] {
  return [...files.keys()].filter((p) => /^training\/[^/]+\.jsonl$/.test(p)).sort();
}

/** Every content file under `dir`, in path order. */
export function readContentFolder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (sub: string) => {
    const here = join(dir, sub);
    if (!existsSync(here)) return;
    for (const entry of readdirSync(here, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !sub) walk(path);
      else if (entry.isFile() && isContentPath(path)) out.set(path, readFileSync(join(dir, path), 'utf8'));
    }
  };
  walk('');
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Makes `dir` hold exactly these content files: writes what differs, removes content files that
 * are not in `files` (a retired file), leaves everything else alone. Returns what it changed.
 */
export function writeContentFolder(dir: string, files: ContentFiles): { written: string[]; removed: string[] } {
  const before = readContentFolder(dir);
  const written: string[] = [];
  const removed: string[] = [];
  for (const [path, text] of files) {
    if (!isContentPath(path)) throw new Error(`not a content path: ${path}`);
    if (before.get(path) === text) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
    written.push(path);
  }
  for (const path of before.keys()) {
    if (files.has(path)) continue;
    rmSync(join(dir, path));
    removed.push(path);
  }
  return { written, removed };
}
