// The trained model as an artifact keyed by everything it was learned from (labels, corpus,
// topics, vocabulary, settings, format): a later start with the same content loads it in
// milliseconds instead of training again; any change to the content makes a new key.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContentPack } from '../../content/index.js';
import { LogisticModel } from './logistic.js';

/** Bump when features, training or the file layout change, so old artifacts are not read. */
const FORMAT = 2;

export function defaultCacheDir(): string {
  return process.env['MODEL_CACHE_DIR'] ?? join(tmpdir(), 'kundesenter-models');
}

export function modelKey(pack: ContentPack, labels: readonly string[], settings: unknown): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ FORMAT, labels, settings, vocabulary: pack.vocabulary, topics: pack.topics }));
  for (const e of pack.training) h.update(`\n${e.label}\t${e.kind ?? ''}\t${e.writer}\t${e.text}`);
  return h.digest('hex').slice(0, 32);
}

/** `calibrated`: whether the calibration was made for this corpus (artifacts before the flag were). */
export function loadModel(dir: string, key: string): { model: LogisticModel; calibrated: boolean } | undefined {
  try {
    const head = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as { classes: number; features: string[]; bias: number[]; calibrated?: boolean };
    return { model: LogisticModel.deserialise({ ...head, weights: readFileSync(join(dir, `${key}.bin`)) }), calibrated: head.calibrated ?? true };
  } catch {
    return undefined; // absent or unreadable: train again
  }
}

/** Writes through temporary names and renames, so a reader never sees half a model. */
export function saveModel(dir: string, key: string, model: LogisticModel, calibrated: boolean): void {
  try {
    mkdirSync(dir, { recursive: true });
    const { weights, ...rest } = model.serialise();
    const head = { ...rest, calibrated };
    const tmp = `.${process.pid}.${Date.now()}`;
    writeFileSync(join(dir, `${key}.bin${tmp}`), weights);
    writeFileSync(join(dir, `${key}.json${tmp}`), JSON.stringify(head));
    renameSync(join(dir, `${key}.bin${tmp}`), join(dir, `${key}.bin`));
    renameSync(join(dir, `${key}.json${tmp}`), join(dir, `${key}.json`));
  } catch {
    // A read-only disk costs only the next start's training time.
  }
}
