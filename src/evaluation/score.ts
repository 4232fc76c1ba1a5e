// Scores the engine on evaluation cases by topic id (the project's own set names our topics).
import type { Engine, Reply } from '../engine/index.js';
import { turnsOf, type EvalCase } from './cases.js';

export interface Score {
  total: number;
  passed: number;
  /** "all", "expect:answer", "lang:nn", "error-codes" … → [passed, total]. */
  groups: Map<string, [number, number]>;
  failures: { c: EvalCase; reply: Reply; why: string }[];
}

const SMALLTALK = new Set(['greeting', 'thanks']);

export function judge(c: EvalCase, r: Reply): string | null {
  const hits = () => c.topics.some((t) => r.sources.includes(t) || (SMALLTALK.has(t) && r.intent === t) || (t === 'bid-unknown' && r.intent === 'unknown-code'));
  switch (c.expect) {
    case 'answer':
      return r.kind === 'answer' && hits() ? null : `wanted answer ${c.topics.join('|')}, got ${r.kind} ${r.sources.join(',') || r.intent}`;
    case 'clarify':
      return (r.kind === 'clarify' && r.options.length >= 2) || (r.kind === 'answer' && hits()) ? null : `wanted clarify ${c.topics.join('|')}, got ${r.kind} ${r.sources.join(',') || r.intent}`;
    case 'handoff':
      return r.kind === 'handoff' ? null : `wanted handoff, got ${r.kind} ${r.sources.join(',') || r.intent}`;
    case 'urgent':
      return r.kind === 'handoff' && r.urgent ? null : `wanted urgent handoff, got ${r.kind} ${r.intent}`;
    default:
      return 'case has no expect';
  }
}

export function score(engine: Engine, cases: readonly EvalCase[]): Score {
  const groups = new Map<string, [number, number]>();
  const add = (key: string, ok: boolean) => {
    const g = groups.get(key) ?? [0, 0];
    g[0] += ok ? 1 : 0;
    g[1] += 1;
    groups.set(key, g);
  };
  const failures: Score['failures'] = [];
  for (const c of cases) {
    const reply = engine.reply(turnsOf(c));
    const why = judge(c, reply);
    add('all', !why);
    add(`expect:${c.expect}`, !why);
    add(`lang:${c.lang ?? '?'}`, !why);
    if (c.topics.length && c.topics.every((t) => t.startsWith('bid-'))) add('error-codes', !why);
    if (why) failures.push({ c, reply, why });
  }
  const all = groups.get('all') ?? [0, 0];
  return { total: all[1], passed: all[0], groups, failures };
}

/** `explain`: each failure also shows the engine's most probable labels. */
export function formatScore(s: Score, explain = false): string {
  const lines = [...s.groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, [p, t]]) => `${k.padEnd(16)} ${p}/${t}  ${((100 * p) / t).toFixed(1)}%`);
  if (s.failures.length) {
    lines.push('', 'failed:');
    for (const f of s.failures) {
      const why = explain ? `\t[${f.reply.explanation.map((x) => `${x.label} ${x.p.toFixed(2)}`).join(', ')}]` : '';
      lines.push(`${f.c.id}\t${f.why}\t${JSON.stringify(f.c.message ?? f.c.turns)}${why}`);
    }
  }
  lines.push('', `${s.passed} passed, ${s.total - s.passed} failed`);
  return lines.join('\n');
}
