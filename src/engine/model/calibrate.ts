// `kundesenter calibrate`: cross-validates the model on the training corpus (each writer held out
// in turn), fits the softmax temperature and chooses the policy's thresholds on the out-of-fold
// predictions, and returns the calibration to store beside the corpus.
import type { Calibration, ContentPack } from '../../content/index.js';
import { createReader } from '../reading.js';
import { DEFAULT_TUNING } from '../tuning.js';
import { corpusHash } from './calibration.js';
import { DEFAULT_CLASSIFIER, labelsOf, type ModelKind } from './classifier.js';
import { calibrationError, choosePolicy, crossValidate, fitTemperature, type PolicyChoice } from './crossval.js';
import { modelSettings, readCorpus } from './index.js';
import { DEFAULT_POLICY } from './policy.js';

export interface CalibrationRun {
  model: ModelKind;
  calibration: Calibration;
  folds: { heldOut: string; examples: number; accuracy: number }[];
  accuracy: number;
  ece: { before: number; after: number };
  outcome: PolicyChoice['outcome'];
}

export function calibrate(pack: ContentPack, model: ModelKind = 'logistic'): CalibrationRun {
  const reader = createReader(pack, DEFAULT_TUNING);
  const labels = labelsOf(pack);
  const examples = readCorpus(pack, reader);
  const options = { ...DEFAULT_CLASSIFIER, model };
  const cv = crossValidate(labels, examples, options);
  const temperature = fitTemperature(cv);
  const topics = new Set(pack.topics.map((t) => t.id));
  const choice = choosePolicy(cv, temperature, (l) => topics.has(l), DEFAULT_POLICY);
  const total = cv.folds.reduce((s, f) => s + f.examples, 0);
  const accuracy = cv.folds.reduce((s, f) => s + f.accuracy * f.examples, 0) / total;
  const ece = { before: calibrationError(cv, 1).ece, after: calibrationError(cv, temperature).ece };
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    model,
    folds: cv.folds,
    accuracy,
    ece,
    outcome: choice.outcome,
    calibration: {
      corpusHash: corpusHash(labels, examples, modelSettings(options)),
      model,
      temperature,
      policy: choice.policy,
      report: {
        examples: examples.length,
        folds: cv.folds.map((f) => ({ ...f, accuracy: round(f.accuracy) })),
        accuracy: round(accuracy),
        expectedCalibrationError: { before: round(ece.before), after: round(ece.after) },
        outOfFold: choice.outcome,
      },
    },
  };
}

export function formatRun(r: CalibrationRun): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return [
    `model ${r.model}: ${r.calibration.report['examples']} examples, cross-validated by writer`,
    ...r.folds.map((f) => `  held out ${f.heldOut.padEnd(14)} ${String(f.examples).padStart(5)} examples  accuracy ${pct(f.accuracy)}`),
    `  all folds: accuracy ${pct(r.accuracy)}`,
    `  calibration: temperature ${r.calibration.temperature}, expected calibration error ${pct(r.ece.before)} → ${pct(r.ece.after)}`,
    `  policy: ${JSON.stringify(r.calibration.policy)}`,
    `  out of fold with that policy: ${JSON.stringify(r.outcome)}`,
  ].join('\n');
}
