// Work that takes seconds of CPU — training a model for changed content, the quality check — in a
// worker thread, so customers' messages are answered meanwhile. One worker, started when first
// needed and stopped when idle; jobs wait their turn.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ContentFiles } from './files.js';
import type { QualityInput, QualityReport } from './quality.js';

export type Job = { kind: 'quality'; input: QualityInput } | { kind: 'build'; files: ContentFiles; serveDrafts: boolean };
type Result<J extends Job> = J extends { kind: 'quality' } ? QualityReport : { calibrated: boolean; trainingMs: number };

/** The worker's module: beside the bundle in production (dist/server), the TypeScript source otherwise. */
function workerEntry(): URL {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, 'content-worker.mjs');
  if (existsSync(bundled)) return pathToFileURL(bundled);
  // Under tsx or vitest: a worker does not inherit the TypeScript loader, so it registers it first.
  const source = pathToFileURL(join(here, 'worker.ts')).href;
  // (its package's ESM build of the api, beside the CommonJS one that require resolves)
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return new URL(`data:text/javascript,${encodeURIComponent(`const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(source)});`)}`);
}

export interface ContentJobs {
  run<J extends Job>(job: J): Promise<Result<J>>;
  close(): Promise<void>;
}

export function contentJobs(idleMs = 60_000): ContentJobs {
  let worker: Worker | undefined;
  let idle: NodeJS.Timeout | undefined;
  let n = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let queue: Promise<unknown> = Promise.resolve();

  function start(): Worker {
    const w = new Worker(workerEntry());
    w.on('message', (m: { n: number; result?: unknown; error?: { name: string; message: string } }) => {
      const p = pending.get(m.n);
      pending.delete(m.n);
      if (!p) return;
      if (m.error) p.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
      else p.resolve(m.result);
    });
    const fail = (e: Error) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
      worker = undefined;
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the content worker stopped (exit ${code})`)));
    return w;
  }

  return {
    run<J extends Job>(job: J): Promise<Result<J>> {
      const next = queue.then(
        () =>
          new Promise<Result<J>>((resolve, reject) => {
            clearTimeout(idle);
            worker ??= start();
            const id = ++n;
            pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
            worker.postMessage({ ...job, n: id });
          }),
      );
      queue = next.catch(() => {}).then(() => {
        if (pending.size === 0 && worker) {
          const w = worker;
          idle = setTimeout(() => {
            if (worker === w && pending.size === 0) {
              worker = undefined;
              void w.terminate();
            }
          }, idleMs);
          idle.unref();
        }
      });
      return next;
    },
    async close() {
      clearTimeout(idle);
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}
