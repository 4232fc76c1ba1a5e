import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const bin = './bin/kundesenter';

describe('kundesenter command line', () => {
  it('answers JSON lines in the evaluation contract, one line per case, in order', () => {
    const input = [
      JSON.stringify({ id: 'a', message: 'fekk BID-14B1' }),
      JSON.stringify({ id: 7, turns: ['bankid-appen min', 'den berre snurrar'] }),
      JSON.stringify({ id: 'c', message: 'kan eg snakke med eit menneske?' }),
    ].join('\n');
    const out = execFileSync(bin, ['ask', '--jsonl'], { input, encoding: 'utf8' }).trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((r) => r.id)).toEqual(['a', '7', 'c']);
    expect(out[0]).toMatchObject({ kind: 'answer', urgent: false, sources: ['bid-14b1'], options: [] });
    expect(out[1].sources).toEqual(['app-spinning']);
    expect(out[2].kind).toBe('handoff');
    for (const r of out) expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'kind', 'text', 'urgent', 'sources', 'options']));
  });

  it('says which line is wrong instead of crashing', () => {
    const r = spawnSync(bin, ['ask', '--jsonl'], { input: '{"id":"a","message":"hei"}\nnot json\n', encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('stdin:2: not JSON');
  });

  it('prints a reply for a person, and usage for a wrong command', () => {
    expect(execFileSync(bin, ['ask', 'gløymt passord'], { encoding: 'utf8' })).toMatch(/^\[(answer|clarify)/);
    const r = spawnSync(bin, ['nonsense'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage:');
  });
});
