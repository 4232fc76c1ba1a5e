import { loadContentPack } from './src/content/index.js';
import { createReader } from './src/engine/reading.js';
import { DEFAULT_TUNING } from './src/engine/tuning.js';
import { labelsOf, DEFAULT_CLASSIFIER } from './src/engine/model/classifier.js';
import { crossValidate, fitTemperature, choosePolicy } from './src/engine/model/crossval.js';
import { DEFAULT_POLICY } from './src/engine/model/policy.js';
import { readCorpus } from './src/engine/model/index.js';
const pack = loadContentPack('/tmp/cx');
const labels = labelsOf(pack);
const topics = new Set(pack.topics.map(t => t.id));
const configs = JSON.parse(process.argv[2]!);
for (const cfg of configs) {
  const reader = createReader(pack, DEFAULT_TUNING, { chars: 1, words: 0.8, pairs: 0.5, terms: 0.8, ranker: 0.6, ...cfg.features });
  const ex = readCorpus(pack, reader);
  const t0 = performance.now();
  const cv = crossValidate(labels, ex, { ...DEFAULT_CLASSIFIER, model: cfg.model ?? 'logistic', logistic: { ...DEFAULT_CLASSIFIER.logistic, ...cfg.logistic } });
  const ms = (performance.now() - t0) / cv.folds.length;
  const n = cv.folds.reduce((s, f) => s + f.examples, 0);
  const acc = cv.folds.reduce((s, f) => s + f.accuracy * f.examples, 0) / n;
  const T = fitTemperature(cv);
  const ch = choosePolicy(cv, T, l => topics.has(l), DEFAULT_POLICY);
  console.log(JSON.stringify(cfg), `acc ${(100*acc).toFixed(1)} T ${T} ms/fold ${ms.toFixed(0)}`, JSON.stringify(ch.outcome), JSON.stringify(ch.policy));
}
