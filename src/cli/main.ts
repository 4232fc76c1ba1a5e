// kundesenter — the command line. `ask` answers one message or JSON lines; `eval` runs the
// project's own evaluation set.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drafts, loadContentPack } from '../content/index.js';
import { createEngine, type Reply } from '../engine/index.js';
import { parseCases, readCases, turnsOf } from '../evaluation/cases.js';
import { formatScore, score } from '../evaluation/score.js';
import { calibrate, formatRun } from '../engine/model/calibrate.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const USAGE = `usage:
  kundesenter ask "message"          print the assistant's reply
  kundesenter ask --jsonl < cases    one JSON object a line in ({id, message} or {id, turns}),
                                     one reply a line out: {id, kind, text, urgent, sources, options}
  kundesenter eval [FILE] [--explain]
                                     score an evaluation set (default eval/cases.jsonl); --explain
                                     shows each failure's most probable labels
  kundesenter content                what the content pack holds, and what is still draft
  kundesenter content export [DIR]   write the content the service publishes (its database, from
                                     DATABASE_URL / DATA_DIR) into DIR (default --content)
  kundesenter content import [DIR]   publish DIR's content into the database: each file that
                                     differs becomes a new version; running instances serve it
                                     within 30 s (the console's review is for changes made there)
  kundesenter calibrate [--compare]  cross-validate the model on content/training, choose its
                                     thresholds, write content/training/calibration.json
                                     (--compare: also the nearest-neighbour model, nothing written)
  kundesenter identity rotate        re-encrypt stored identity numbers under the first key of
                                     IDENTITY_KEYS (the service's own configuration from the
                                     environment); then the older keys can be removed
options: --content DIR (default: the repository's content/)`;

function main(argv: string[]): number {
  const contentAt = argv.indexOf('--content');
  const contentDir = (contentAt >= 0 ? argv.splice(contentAt, 2)[1] : undefined) ?? join(root, 'content');
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'content') {
    const pack = loadContentPack(contentDir);
    const waiting = drafts(pack);
    console.log(`${pack.topics.length} topics and error codes, ${pack.training.length} training messages`);
    console.log(waiting.length ? `still draft (served only with SERVE_DRAFTS=true):\n  ${waiting.join('\n  ')}` : 'nothing is draft');
    return 0;
  }
  if (command === 'calibrate') {
    const pack = loadContentPack(contentDir);
    const run = calibrate(pack, 'logistic');
    console.log(formatRun(run));
    if (rest.includes('--compare')) {
      console.log(formatRun(calibrate(pack, 'neighbours')));
      return 0;
    }
    const file = join(contentDir, 'training', 'calibration.json');
    writeFileSync(file, `${JSON.stringify(run.calibration, null, 2)}\n`);
    console.log(`wrote ${file}`);
    return 0;
  }
  const engine = createEngine(loadContentPack(contentDir));
  if (command === 'ask') {
    if (rest[0] === '--jsonl') {
      const cases = parseCases(readFileSync(0, 'utf8'), 'stdin');
      const out = cases.map((c) => {
        const r = engine.reply(turnsOf(c));
        return JSON.stringify({ id: c.id, kind: r.kind, text: r.text, urgent: r.urgent, sources: r.sources, options: r.options.map((o) => o.label), intent: r.intent });
      });
      process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
      return 0;
    }
    const message = rest.join(' ');
    if (!message.trim()) {
      console.error('ask: give a message, e.g. kundesenter ask "fekk BID-14B1"');
      return 2;
    }
    console.log(formatReply(engine.reply([message])));
    return 0;
  }
  if (command === 'eval') {
    const explain = rest.includes('--explain');
    const file = rest.find((a) => !a.startsWith('--'));
    const s = score(engine, readCases(file ?? join(root, 'eval', 'cases.jsonl')));
    console.log(formatScore(s, explain));
    return 0;
  }
  console.error(`unknown command "${command}"\n${USAGE}`);
  return 2;
}

function formatReply(r: Reply): string {
  const head = `[${r.kind}${r.urgent ? ', URGENT' : ''}${r.sources.length ? `: ${r.sources.join(', ')}` : ''}]`;
  const options = r.options.map((o, i) => `  ${i + 1}. ${o.label}`).join('\n');
  return [head, r.text, options].filter(Boolean).join('\n');
}

const argv = process.argv.slice(2);
if (argv[0] === 'content' && (argv[1] === 'import' || argv[1] === 'export')) {
  const dir = argv[2] && !argv[2].startsWith('--') ? argv[2] : join(root, 'content');
  import('./content-sync.js')
    .then(async ({ exportContent, importContent }) => {
      if (argv[1] === 'import') {
        const changed = await importContent(dir);
        console.log(changed.length ? `published ${changed.length} changed file(s): ${changed.join(', ')}` : 'nothing to import: the database publishes the same files');
      } else {
        const r = await exportContent(dir);
        console.log(`release ${r.release} written to ${dir}: ${r.written.length} file(s) changed, ${r.removed.length} removed`);
      }
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    });
} else if (argv[0] === 'identity' && argv[1] === 'rotate') {
  // Only this command touches the database: loaded on demand, the others stay quick.
  import('./rotate.js')
    .then(({ rotateIdentityKeys }) => rotateIdentityKeys())
    .then((n) => console.log(`re-encrypted ${n} identity number${n === 1 ? '' : 's'} under the current key`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    });
} else {
  try {
    process.exitCode = main(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
