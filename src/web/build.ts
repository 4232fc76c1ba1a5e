// Builds the browser code into dist/web with Vite: `npm run build` (run by `npm start` first).
//   widget.js  the chat widget, one self-contained script (IIFE) for any page's one script tag
//   agent.js   the advisor console
//   help.js    the help page's enhancements
//   *.css      the help page's and the console's styles (copied from client/public)
// Each is its own IIFE without shared chunks, so a page loads exactly one file per feature and
// nothing from another host. Prints each file's size, raw and gzipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const client = join(here, 'client');
export const outDir = join(here, '..', '..', 'dist', 'web');

const entries = [
  { name: 'widget', entry: join(client, 'widget', 'main.tsx'), global: 'KundesenterChat' },
  { name: 'agent', entry: join(client, 'agent', 'main.tsx'), global: 'KundesenterKonsoll' },
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
      lib: { entry: e.entry, formats: ['iife'], name: e.global, fileName: () => `${e.name}.js` },
    },
  };
}

export async function buildWeb(): Promise<{ file: string; bytes: number; gzipped: number }[]> {
  let first = true;
  for (const e of entries) {
    await build(config(e, first));
    first = false;
  }
  return readdirSync(outDir)
    .filter((f) => /\.(js|css)$/.test(f))
    .sort()
    .map((file) => {
      const body = readFileSync(join(outDir, file));
      return { file, bytes: statSync(join(outDir, file)).size, gzipped: gzipSync(body).length };
    });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWeb().then(
    (files) => {
      for (const f of files) console.log(`dist/web/${f.file.padEnd(12)} ${(f.bytes / 1024).toFixed(1).padStart(6)} kB  gzip ${(f.gzipped / 1024).toFixed(1)} kB`);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
