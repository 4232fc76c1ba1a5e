import { loadContentPack } from './src/content/index.js';
import { createReader } from './src/engine/reading.js';
import { DEFAULT_TUNING } from './src/engine/tuning.js';
import { labelsOf, DEFAULT_CLASSIFIER } from './src/engine/model/classifier.js';
import { crossValidate } from './src/engine/model/crossval.js';
import { softmax } from './src/engine/model/logistic.js';
import { readCorpus } from './src/engine/model/index.js';
import { redact } from './src/engine/privacy/redact.js';
const pack = loadContentPack('content');
const reader = createReader(pack, DEFAULT_TUNING);
const ex = readCorpus(pack, reader);
const labels = labelsOf(pack);
const cv = crossValidate(labels, ex, DEFAULT_CLASSIFIER);
const T = pack.calibration!.temperature, U = pack.calibration!.policy.urgentAt;
// outOfFold order = folds sorted, test examples in order; rebuild mapping
const folds = [...new Set(ex.filter(e=>e.writer!=='content').map(e=>e.writer))].sort();
const ordered = folds.flatMap(w => ex.filter(e => e.writer === w));
const t = { ruleOnly: 0, modelOnly: 0, both: 0, none: 0, ruleFA: 0, modelFA: 0, ruleFAvetoable: 0 };
const show: string[] = [];
ordered.forEach((e, i) => {
  const o = cv.outOfFold[i]!;
  const p = softmax(Float64Array.from(o.logits), T);
  let up = 0, top = 0, topL = '';
  labels.forEach((l, j) => { if (l.startsWith('urgent:')) up += p[j]!; else if (p[j]! > top) { top = p[j]!; topL = l; } });
  const rule = reader.read(redact(e.text).text).intents.urgent.length > 0;
  const model = up >= U;
  if (e.label.startsWith('urgent:')) { if (rule && model) t.both++; else if (rule) { t.ruleOnly++; show.push(`RULE-ONLY ${up.toFixed(2)} ${topL} ${top.toFixed(2)} ${e.text}`);} else if (model) t.modelOnly++; else { t.none++; show.push(`MISSED ${up.toFixed(2)} ${e.text}`);} }
  else { if (rule) { t.ruleFA++; if (top >= 0.9 && up < 0.02) t.ruleFAvetoable++; } if (model) t.modelFA++; }
});
console.log(t); console.log(show.join('\n'));
