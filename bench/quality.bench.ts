// Side by side: NLP.js (@nlpjs/nlp with @nlpjs/lang-no, the usual Node NLU) trained on the same
// corpus as the engine's model, both scored on the project's evaluation sets, as one table.
// `npm run bench:quality`. Prints figures; it is not a test.
import { readdirSync } from 'node:fs';
import { loadContentPack } from '../src/content/index.js';
import { createEngine, type Reply } from '../src/engine/index.js';
import { trainingTexts } from '../src/engine/model/classifier.js';
import { URGENT_PREFIX } from '../src/engine/model/policy.js';
import { readCases, turnsOf, type EvalCase } from '../src/evaluation/cases.js';
import { judge } from '../src/evaluation/score.js';
import { trainNlpJs } from './nlpjs.js';

const pack = loadContentPack('content');
const sets = [
  ...readdirSync('eval').filter((f) => f.endsWith('.jsonl')).sort(),
  ...readdirSync('eval/blind').filter((f) => f.endsWith('.jsonl')).sort().map((f) => `blind/${f}`),
];

const t0 = performance.now();
const engine = createEngine(pack);
const engineMs = performance.now() - t0;

const { nlp, trainingMs: nlpMs } = await trainNlpJs(pack);

const topics = new Map(pack.topics.map((t) => [t.id, t]));
const blank: Omit<Reply, 'kind' | 'intent' | 'text'> = { urgent: false, sources: [], options: [], errorCodes: [], sharedSecret: false, explanation: [] };
/** NLP.js's intent as a reply, the way the engine would give it. */
async function nlpReply(c: EvalCase): Promise<Reply> {
  const r = await nlp.process('no', turnsOf(c).at(-1)!);
  const intent: string = r.intent ?? 'None';
  if (intent.startsWith(URGENT_PREFIX)) return { ...blank, kind: 'handoff', intent: 'urgent', text: '', urgent: true };
  const topic = topics.get(intent);
  if (topic && r.score >= 0.5) return { ...blank, kind: 'answer', intent: 'topic', text: topic.answer, sources: [topic.id] };
  if (intent === 'greeting' || intent === 'thanks') return { ...blank, kind: 'answer', intent, text: '' };
  return { ...blank, kind: 'handoff', intent: 'no-match', text: '' };
}

const rows: string[][] = [['set', 'cases', 'NLP.js', 'engine', 'NLP.js urgent', 'engine urgent']];
for (const file of sets) {
  const cases = readCases(`eval/${file}`);
  let nlpOk = 0;
  let engineOk = 0;
  const urgent = { total: 0, nlp: 0, engine: 0 };
  for (const c of cases) {
    const n = await nlpReply(c);
    const e = engine.reply(turnsOf(c));
    if (!judge(c, n)) nlpOk++;
    if (!judge(c, e)) engineOk++;
    if (c.expect === 'urgent') {
      urgent.total++;
      if (n.urgent) urgent.nlp++;
      if (e.urgent) urgent.engine++;
    }
  }
  const pct = (x: number, n: number) => `${((100 * x) / Math.max(1, n)).toFixed(1)}%`;
  rows.push([file, String(cases.length), pct(nlpOk, cases.length), pct(engineOk, cases.length), `${urgent.nlp}/${urgent.total}`, `${urgent.engine}/${urgent.total}`]);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((x, i) => x.padEnd(widths[i]!)).join('  '));
console.log(`\ntraining on ${trainingTexts(pack).length} examples: engine ${engineMs.toFixed(0)} ms (model ${engine.model.trainingMs.toFixed(0)} ms, ${engine.model.classifier.size?.features} features, ${((engine.model.classifier.size?.bytes ?? 0) / 1e6).toFixed(1)} MB), NLP.js ${nlpMs.toFixed(0)} ms`);
