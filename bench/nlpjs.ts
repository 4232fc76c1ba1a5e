// NLP.js, the usual Node NLU, trained on the engine's own corpus: the benchmarks' reference.
import { containerBootstrap, type NlpManagerLike } from '@nlpjs/core';
import { Nlp } from '@nlpjs/nlp';
import { LangNo } from '@nlpjs/lang-no';
import type { ContentPack } from '../src/content/index.js';
import { trainingTexts } from '../src/engine/model/classifier.js';

export async function trainNlpJs(pack: ContentPack): Promise<{ nlp: NlpManagerLike; trainingMs: number }> {
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangNo);
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.addLanguage('no');
  for (const t of trainingTexts(pack)) nlp.addDocument('no', t.text, t.label);
  // NLP.js prints a line per training epoch; keep the benchmark's output readable.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  const started = performance.now();
  try {
    await nlp.train();
  } finally {
    process.stdout.write = write;
  }
  return { nlp, trainingMs: performance.now() - started };
}
