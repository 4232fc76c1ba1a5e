// The worker thread behind jobs.ts: builds engines off the service's event loop. One job at a time.
import { parentPort } from 'node:worker_threads';
import { createEngine } from '../engine/index.js';
import { servedPack } from './drafts.js';
import { contentPackOf } from './loader.js';
import { qualityCheck } from './quality.js';
import type { Job } from './jobs.js';

parentPort?.on('message', (job: Job & { n: number }) => {
  try {
    if (job.kind === 'quality') {
      parentPort!.postMessage({ n: job.n, result: qualityCheck(job.input) });
    } else {
      // Trains and stores the model in the artifact cache; the service then loads it in milliseconds.
      const { model } = createEngine(servedPack(contentPackOf(job.files), job.serveDrafts));
      parentPort!.postMessage({ n: job.n, result: { calibrated: model.calibrated, trainingMs: Math.round(model.trainingMs) } });
    }
  } catch (e) {
    parentPort!.postMessage({ n: job.n, error: e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) } });
  }
});
