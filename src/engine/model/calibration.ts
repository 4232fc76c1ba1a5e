// Which corpus a calibration was made for: a hash over the labels, the training texts and the
// model's settings, so a changed corpus is noticed and calibrated again.
import { createHash } from 'node:crypto';
import type { LabelledText } from './classifier.js';

export function corpusHash(labels: readonly string[], texts: readonly LabelledText[], settings: unknown): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ labels, settings }));
  for (const t of texts) h.update(`\n${t.label}\t${t.writer}\t${t.text}`);
  return h.digest('hex');
}
