import { loadContentPack } from './src/content/index.js';
import { createEngine } from './src/engine/index.js';
const e = createEngine(loadContentPack('content'));
for (const m of process.argv.slice(2)) { const r = e.reply(m.split(' || ')); console.log(m, '→', r.kind, r.intent, r.urgentKind ?? '', r.sources, JSON.stringify(r.explanation)); }
