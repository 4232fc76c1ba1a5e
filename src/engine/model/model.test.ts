// The learned model: deterministic, calibrated for the corpus it ships with, and sound on its own
// small pieces (softmax, features, policy).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContentPack } from '../../content/index.js';
import { createReader } from '../reading.js';
import { DEFAULT_TUNING } from '../tuning.js';
import { corpusHash } from './calibration.js';
import { Classifier, DEFAULT_CLASSIFIER, labelsOf } from './classifier.js';
import { featurise } from './features.js';
import { modelSettings, readCorpus } from './index.js';
import { softmax } from './logistic.js';
import { decideFrom, DEFAULT_POLICY } from './policy.js';

const pack = loadContentPack('content');

describe('the training corpus and its calibration', () => {
  it('is calibrated for the corpus as it is now (run `kundesenter calibrate` after changing content/training)', () => {
    const reader = createReader(pack, DEFAULT_TUNING);
    const examples = readCorpus(pack, reader);
    const options = { ...DEFAULT_CLASSIFIER, model: pack.calibration!.model };
    expect(pack.calibration?.corpusHash).toBe(corpusHash(labelsOf(pack), examples, modelSettings(options)));
  });

  it('trains the same model twice', () => {
    const reader = createReader(pack, DEFAULT_TUNING);
    const examples = readCorpus(pack, reader).filter((_, i) => i % 4 === 0);
    const a = Classifier.train(labelsOf(pack), examples);
    const b = Classifier.train(labelsOf(pack), examples);
    const f = reader.read('gløymt passordet').features;
    expect(a.classify(f)).toEqual(b.classify(f));
  });
});

describe('softmax', () => {
  it('gives probabilities that sum to one, in the logits\' order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0.1, max: 5, noNaN: true }), (z, t) => {
        const p = softmax(Float64Array.from(z), t);
        expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
        const best = z.indexOf(Math.max(...z));
        expect(p[best]).toBe(Math.max(...p));
      }),
    );
  });
});

describe('features', () => {
  it('share character n-grams between a word and its typo or other spelling', () => {
    const a = featurise('gløymt passordet', []);
    const b = featurise('gloymt pasordet', []);
    const shared = [...a.keys()].filter((k) => b.has(k) && k.startsWith('c:'));
    expect(shared.length).toBeGreaterThan(5);
  });

  it('are finite for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const v of featurise(text.toLowerCase(), []).values()) expect(Number.isFinite(v)).toBe(true);
      }),
    );
  });
});

describe('policy', () => {
  const isTopic = (l: string) => !l.includes(':') && !['human', 'not-covered', 'vague'].includes(l);
  it('answers a clear winner, asks back among close topics, hands over when unsure', () => {
    expect(decideFrom([{ label: 'a', p: 0.9 }, { label: 'b', p: 0.1 }], isTopic, DEFAULT_POLICY)).toMatchObject({ kind: 'answer', topic: 'a' });
    expect(decideFrom([{ label: 'a', p: 0.4 }, { label: 'b', p: 0.35 }, { label: 'c', p: 0.25 }], isTopic, DEFAULT_POLICY)).toMatchObject({ kind: 'clarify', topics: ['a', 'b', 'c'] });
    expect(decideFrom([{ label: 'a', p: 0.2 }, { label: 'human', p: 0.2 }, { label: 'b', p: 0.05 }], isTopic, DEFAULT_POLICY).kind).toBe('unsure');
  });

  it('flags urgent from the summed urgent kinds, before anything else', () => {
    const d = decideFrom(
      [{ label: 'a', p: 0.6 }, { label: 'urgent:fake-caller', p: 0.15 }, { label: 'urgent:secret-shared', p: 0.15 }, { label: 'b', p: 0.1 }],
      isTopic,
      { ...DEFAULT_POLICY, urgentAt: 0.25 },
    );
    expect(d).toMatchObject({ kind: 'urgent', urgentKind: 'fake-caller' });
  });
});
