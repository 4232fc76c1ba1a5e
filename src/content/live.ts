// The content this instance serves, replaced while it runs: on start the published files from the
// database (the folder imported into an empty one), and after every publication — heard on the
// event bus from whichever instance approved it, or found by the periodic check — the new release,
// its model trained in the worker and swapped in between two messages. A conversation keeps going:
// its next message is answered by the new engine.
import type { Schedule } from '../chat/opening-hours.js';
import { createEngine, type Engine } from '../engine/index.js';
import type { Model } from '../engine/model/index.js';
import { servedPack } from './drafts.js';
import { readContentFolder, type ContentFiles } from './files.js';
import type { ContentJobs } from './jobs.js';
import { contentPackOf } from './loader.js';
import { cachedPackOf } from './pack-cache.js';
import type { ContentStore } from './store.js';
import type { ContentPack } from './types.js';

export interface Served {
  release: number;
  files: ContentFiles;
  /** What customers are served (drafts only with SERVE_DRAFTS, never what is retired). */
  pack: ContentPack;
  engine: Engine & { model: Model };
  schedule: Schedule;
}

export interface LiveContent {
  current(): Served;
  /** Loads the latest release if it is newer than the one served; true if it changed. */
  refresh(): Promise<boolean>;
}

export interface LiveOptions {
  store: ContentStore;
  jobs: ContentJobs;
  /** The folder imported when the database has no content yet. */
  dir: string;
  serveDrafts: boolean;
  scheduleOf: (pack: ContentPack) => Schedule;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  now: () => Date;
}

export async function startLiveContent(o: LiveOptions): Promise<LiveContent> {
  let published = await o.store.published();
  if (published.release === 0) {
    const files = readContentFolder(o.dir);
    contentPackOf(files, o.dir); // a broken folder fails the start, naming the file and field
    await o.store.importFiles(files, false, `Første start: innhaldet i ${o.dir}/ lese inn`, o.now());
    published = await o.store.published();
    o.log('info', `content: ${files.size} files of ${o.dir}/ imported into the database (release ${published.release})`);
  } else {
    const folder = readContentFolder(o.dir);
    const differ = [...new Set([...folder.keys(), ...published.files.keys()])].filter((p) => folder.get(p) !== published.files.get(p));
    if (differ.length) o.log('warn', `content: serving release ${published.release} from the database; ${o.dir}/ differs in ${differ.length} file(s) (${differ.slice(0, 3).join(', ')}${differ.length > 3 ? ' …' : ''}): \`kundesenter content import\` publishes the folder, \`export\` writes the database's`);
  }
  const build = (release: number, files: ContentFiles): Served => {
    const pack = servedPack(cachedPackOf(files), o.serveDrafts);
    return { release, files, pack, engine: createEngine(pack), schedule: o.scheduleOf(pack) };
  };
  let served = build(published.release, published.files);
  let refreshing: Promise<boolean> | null = null;

  async function load(): Promise<boolean> {
    // The release number first: the poll runs every half minute, and reading every file back
    // (the training data among them) only to find nothing new took the event loop for milliseconds.
    if ((await o.store.latestRelease()) <= served.release) return false;
    const next = await o.store.published();
    if (next.release <= served.release) return false;
    // The model is trained off the event loop and stored in the artifact cache; building the
    // engine here then loads it (milliseconds) instead of training (seconds).
    const t0 = performance.now();
    await o.jobs.run({ kind: 'build', files: next.files, serveDrafts: o.serveDrafts });
    const was = served.release;
    served = build(next.release, next.files);
    o.log('info', `content: release ${next.release} served (was ${was}); ready in ${Math.round(performance.now() - t0)} ms`);
    return true;
  }

  return {
    current: () => served,
    refresh() {
      // One load at a time; a publication heard during a load is picked up by the next call.
      const run = (refreshing ?? Promise.resolve(false)).then(load);
      refreshing = run.finally(() => {
        if (refreshing === guarded) refreshing = null;
      }).catch(() => false);
      const guarded = refreshing;
      return run;
    },
  };
}
