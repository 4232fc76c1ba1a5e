// Builds the browser code into dist/web with Vite; `npm run build` (src/server/build.ts) calls it
// with `ifChanged`, which does nothing when the client's sources are those of the last build.
//   widget.js  the chat widget, one self-contained script (IIFE) for any page's one script tag
//   agent.js   the advisor console
//   insight.js the insight dashboard at /agent/innsikt, with its chart library (uPlot) and the
//              library's style sheet (insight.css); kept apart so the console does not load them
//   content.js the content editor at /agent/innhald (its preview imports the widget's bubble and
//              styles, inline, so it looks exactly as the chat does)
//   help.js    the help page's enhancements
//   *.css      the help page's and the console's styles (copied from client/public)
// Each is its own IIFE without shared chunks, so a page loads exactly one file per feature and
// nothing from another host. Prints each file's size, raw and gzipped.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
// From the repository root, so the compiled build/web/build.js finds the same sources.
const root = join(here, '..', '..');
const client = join(root, 'src', 'web', 'client');
export const outDir = join(root, 'dist', 'web');
const stamp = join(root, 'dist', '.web-sources');

const entries = [
  { name: 'widget', entry: join(client, 'widget', 'main.tsx'), global: 'KundesenterChat' },
  { name: 'agent', entry: join(client, 'agent', 'main.tsx'), global: 'KundesenterKonsoll' },
  // Its CSS imports (uPlot's style sheet) become insight.css; no other entry imports CSS but inline.
  { name: 'insight', entry: join(client, 'agent', 'insight', 'main.tsx'), global: 'KundesenterInnsikt', css: 'insight' },
  { name: 'content', entry: join(client, 'agent', 'content', 'main.tsx'), global: 'KundesenterInnhald' },
  { name: 'help', entry: join(client, 'help', 'main.ts'), global: 'KundesenterHjelp' },
];

function config(e: (typeof entries)[number], first: boolean): InlineConfig {
  return {
    configFile: false,
    root: client,
    logLevel: 'warn',
    publicDir: join(client, 'public'),
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir,
      emptyOutDir: first,
      copyPublicDir: first,
      target: 'es2020',
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      lib: { entry: e.entry, formats: ['iife'], name: e.global, fileName: () => `${e.name}.js`, ...('css' in e ? { cssFileName: e.css } : {}) },
    },
  };
}

/** A hash of everything the bundles are made from: the client's files and the locked packages. */
function sourcesHash(): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else h.update(path.slice(root.length)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  walk(client);
  h.update(readFileSync(join(root, 'package-lock.json')));
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  return h.digest('hex');
}

/** `ifChanged`: skip the build when dist/web was made from the same sources. */
export async function buildWeb(ifChanged = false): Promise<{ file: string; bytes: number; gzipped: number }[] | 'unchanged'> {
  const hash = sourcesHash();
  if (ifChanged && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return 'unchanged';
  let first = true;
  for (const e of entries) {
    await build(config(e, first));
    first = false;
  }
  writeFileSync(stamp, hash);
  return readdirSync(outDir)
    .filter((f) => /\.(js|css)$/.test(f))
    .sort()
    .map((file) => {
      const body = readFileSync(join(outDir, file));
      return { file, bytes: statSync(join(outDir, file)).size, gzipped: gzipSync(body).length };
    });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWeb(process.argv.includes('--if-changed')).then(
    (files) => {
      if (files === 'unchanged') return console.log('dist/web is up to date with the client sources');
      for (const f of files) console.log(`dist/web/${f.file.padEnd(12)} ${(f.bytes / 1024).toFixed(1).padStart(6)} kB  gzip ${(f.gzipped / 1024).toFixed(1)} kB`);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
