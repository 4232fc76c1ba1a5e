// `npm run build`: the production build that `npm start` runs.
//   dist/server/main.mjs  the service (and content-worker.mjs, its worker thread for training), TypeScript compiled ahead of time and bundled into one
//                         module (start-up without a run-time compiler or thousands of module
//                         look-ups); native packages and those that read their own files stay
//                         outside, in node_modules
//   dist/server/build-id  a hash of the bundle, which the service's content-pack cache keys on
//   dist/web/             the browser code (src/web/build.ts), rebuilt only when its sources changed
//   the model artifact    the engine's model for CONTENT_DIR (default ./content), trained now and
//                         stored in the model cache keyed by the content's hash, so the first
//                         start loads it instead of training (see src/engine/model/cache.ts)
// The bundle sits two folders below the repository root, as src/server/main.ts does, so paths
// worked out from a module's own location (dist/web) are the same from either.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUILD_ID_FILE } from '../content/pack-cache.js';
import { loadContentPack } from '../content/index.js';
import { createEngine } from '../engine/index.js';
import { buildWeb } from '../web/build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const serverBundle = join(root, 'dist', 'server', 'main.mjs');
/**
 * How `npm start` runs the bundle (package.json says the same; build.e2e.test.ts holds them
 * together). A 32 MiB young generation: 10,000 connected customers keep a large heap, and with
 * V8's default each message's garbage outlived more scavenges, was promoted, and came back as
 * old-generation pauses that held every delivery behind them.
 */
export const NODE_FLAGS = ['--max-semi-space-size=32'];

/** Native addons, optional drivers, and packages that serve files from their own folder. */
const EXTERNAL = ['better-sqlite3', '@node-rs/argon2', '@fastify/swagger-ui', 'pg-native'];

/** `outfile`: elsewhere only for tests (externals are found from its folder up, so keep it in the repository). */
export async function buildServerBundle(outfile = serverBundle): Promise<void> {
  await bundle(join(root, 'src', 'server', 'main.ts'), outfile);
  // What the service's caches key on (src/content/pack-cache.ts): the same sources build the same id.
  writeFileSync(join(dirname(outfile), BUILD_ID_FILE), createHash('sha256').update(readFileSync(outfile)).digest('hex').slice(0, 32));
  // The content worker (src/content/jobs.ts) looks for its bundle beside the service's.
  await bundle(join(root, 'src', 'content', 'worker.ts'), join(dirname(outfile), 'content-worker.mjs'));
}

async function bundle(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    external: EXTERNAL,
    logLevel: 'warning',
    // The CommonJS packages inside an ES module bundle still call require.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildServerBundle();
    console.log(`${serverBundle.slice(root.length + 1)} built`);
    const contentDir = process.env['CONTENT_DIR'] || 'content';
    const t0 = performance.now();
    const { model } = createEngine(loadContentPack(contentDir));
    console.log(`model for ${contentDir}: ${model.classifier.labels.length} labels, ready in ${(performance.now() - t0).toFixed(0)} ms${model.calibrated ? '' : ' (not calibrated for this corpus: run `kundesenter calibrate`)'}`);
    const web = await buildWeb(true);
    if (web === 'unchanged') console.log('dist/web is up to date with the client sources');
    else for (const f of web) console.log(`dist/web/${f.file.padEnd(12)} ${(f.bytes / 1024).toFixed(1).padStart(6)} kB  gzip ${(f.gzipped / 1024).toFixed(1)} kB`);
  } catch (e) {
    console.error(e);
    process.exit(1);
  }
}
