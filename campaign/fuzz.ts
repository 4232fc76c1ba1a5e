// A fuzzer over every route of the OpenAPI document: bodies, path parameters and query strings
// generated from the routes' own schemas and then broken in every way a client can break them
// (wrong types, missing and extra fields, NUL, huge and odd Unicode, bad JSON, numbers past any
// column), sent with no credentials, another's, or the right ones. It counts answers by status; a
// 5xx is a defect.
import { randomUUID } from 'node:crypto';
import { call, login, newAddress, pool, type Tally } from './http.js';
import { ADMIN, OPS_TOKEN } from './processes.js';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
};

interface Operation {
  method: string;
  path: string;
  params: string[];
  query: Record<string, Schema>;
  body: Schema | undefined;
}

/** A small seeded generator: the same seed sends the same requests. */
export function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]!, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'hei\u0000',
  'x'.repeat(5000),
  'ø'.repeat(4001),
  '🙈'.repeat(1500),
  '\ud800',
  '<script>alert(1)</script>',
  "'; drop table messages; --",
  '../../etc/passwd',
  '%00%ff',
  'BID-14B1',
  'fnr 15068712375',
  '\u202e\u200b\ufeff',
  'null',
  '1e400',
];
const ODD_NUMBERS = [0, -1, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, 0.5, Number.MAX_SAFE_INTEGER];

function operations(doc: { paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema?: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const query = Object.fromEntries((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p.schema ?? {}]));
      ops.push({ method: method.toUpperCase(), path, params, query, body: op.requestBody?.content?.['application/json']?.schema });
    }
  }
  return ops;
}

/** A value the schema allows (roughly), to start from. */
function valid(r: Random, s: Schema | undefined, depth = 0): unknown {
  if (!s) return null;
  if (s.enum) return r.pick(s.enum);
  const options = s.anyOf ?? s.oneOf;
  if (options) return valid(r, r.pick(options), depth);
  const type = Array.isArray(s.type) ? r.pick(s.type) : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) if (s.required?.includes(k) || r.chance(0.6)) out[k] = valid(r, v, depth + 1);
      return out;
    }
    case 'array':
      return depth > 3 ? [] : Array.from({ length: r.int(3) }, () => valid(r, s.items, depth + 1));
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 0, Math.min(s.maximum ?? 1000, r.int(20)));
    case 'boolean':
      return r.chance(0.5);
    case 'string':
      if (s.format === 'email') return `fuzz-${r.int(1e6)}@bank.test`;
      if (s.format === 'uuid') return randomUUID();
      return r.pick(['hei', 'BankID-appen snurrar', 'Eg vil snakke med ein person', 'a long enough password', 'løyst', '900 00 000']).slice(0, s.maxLength ?? 100);
    default:
      return null;
  }
}

/** The value broken one way or another. */
function broken(r: Random, v: unknown, s: Schema | undefined): unknown {
  if (r.chance(0.3)) return v;
  if (v && typeof v === 'object' && !Array.isArray(v) && r.chance(0.6)) {
    const o = { ...(v as Record<string, unknown>) };
    const keys = Object.keys(o);
    const k = keys.length ? r.pick(keys) : 'x';
    switch (r.int(4)) {
      case 0:
        delete o[k];
        break;
      case 1:
        o[`extra${r.int(9)}`] = r.pick(ODD_STRINGS);
        break;
      default:
        o[k] = broken(r, o[k], s?.properties?.[k]);
    }
    return o;
  }
  switch (r.int(7)) {
    case 0:
      return r.pick(ODD_STRINGS);
    case 1:
      return r.pick(ODD_NUMBERS);
    case 2:
      return null;
    case 3:
      return [v, v];
    case 4:
      return { nested: { deeper: [v] } };
    case 5:
      return r.chance(0.5);
    default:
      return typeof v === 'string' ? v + r.pick(ODD_STRINGS) : v;
  }
}

/** Percent-encodes; a lone surrogate goes as bytes that are no UTF-8 at all. */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};

const RAW_BODIES = ['{"text": "unterminated', '[]', 'null', '"just a string"', '{}{}', '\u0000', '{"text":"' + 'x'.repeat(70_000) + '"}', 'ikkje json'];
const ODD_SEGMENTS = ['not-a-uuid', 'a'.repeat(300), '%00', '..%2F..%2Fetc', '%E0%A4%A', '🙈', '00000000-0000-0000-0000-000000000000', '%20', ''];

export interface FuzzOptions {
  base: string;
  requests: number;
  seed: number;
  concurrency?: number;
}

export async function fuzz(o: FuzzOptions, tally: Tally): Promise<void> {
  const r = random(o.seed);
  const doc = (await call(o.base, { method: 'GET', path: '/docs/json', headers: { authorization: `Bearer ${OPS_TOKEN}` } })).body as Parameters<typeof operations>[0];
  const ops = operations(doc);
  if (ops.length < 20) throw new Error(`the OpenAPI document lists only ${ops.length} operations`);
  // Things that exist, so some requests reach deep into the handlers.
  let cookie = await login(o.base, ADMIN.email, ADMIN.password);
  const conversations: { id: string; token: string }[] = [];
  for (let i = 0; i < 20; i++) {
    const c = (await call(o.base, { method: 'POST', path: '/api/conversations' }, tally)).body as { id: string; token: string };
    conversations.push(c);
    await call(o.base, { method: 'POST', path: `/api/conversations/${c.id}/messages`, token: c.token, body: { text: i % 2 ? 'Eg vil snakke med ein person' : 'BID-14B1', clientMessageId: `seed-${i}` } }, tally);
  }
  const advisors = ((await call(o.base, { method: 'GET', path: '/api/admin/advisors', cookie })).body as { advisors?: { id: string; email: string }[] }).advisors ?? [];
  const adminId = advisors.find((a) => a.email === ADMIN.email)?.id;
  const extra: Operation[] = [
    { method: 'GET', path: '/', params: [], query: { feilmelding: { type: 'string' }, q: { type: 'string' } }, body: undefined },
    { method: 'GET', path: '/agent', params: [], query: {}, body: undefined },
    { method: 'GET', path: '/feilkodar', params: [], query: {}, body: undefined },
  ];
  const all = [...ops, ...extra];

  await pool(Array.from({ length: o.requests }, (_, i) => i), o.concurrency ?? 16, async () => {
    const op = r.pick(all);
    const conv = r.pick(conversations);
    let path = op.path;
    for (const p of op.params) {
      // The admin's own account is left alone: a fuzzed password or role for it would lock the run out.
      const choices = path.includes('/admin/advisors') ? [randomUUID(), ...ODD_SEGMENTS, ...advisors.filter((a) => a.id !== adminId).map((a) => a.id)] : [conv.id, conv.id, randomUUID(), ...ODD_SEGMENTS];
      path = path.replace(`{${p}}`, r.pick(choices));
    }
    const query = Object.entries(op.query)
      .filter(() => r.chance(0.7))
      .map(([k, s]) => `${enc(k)}=${enc(String(broken(r, valid(r, s), s)))}`);
    if (r.chance(0.1)) query.push(`junk${r.int(5)}=${enc(r.pick(ODD_STRINGS))}`);
    if (query.length) path += `?${query.join('&')}`;
    const who = r.int(5);
    const creds = who === 0 ? {} : who === 1 ? { token: conv.token } : who === 2 ? { token: r.pick(conversations).token } : who === 3 ? { cookie } : { headers: { authorization: `Bearer ${OPS_TOKEN}` } };
    const body = op.body && r.chance(0.9) ? broken(r, valid(r, op.body), op.body) : undefined;
    const rawBody = op.body && r.chance(0.08) ? r.pick(RAW_BODIES) : undefined;
    const res = await call(o.base, { method: op.method, path, body, rawBody, address: newAddress(), ...creds }, tally).catch(() => ({ status: 0 }));
    if (res.status === 0) tally.failures.push({ method: op.method, path, status: 0, body: 'no answer' });
    // A fuzzed logout ends the session: log in again.
    if (who === 3 && (op.path === '/api/advisor/logout' || res.status === 401)) cookie = await login(o.base, ADMIN.email, ADMIN.password).catch(() => cookie);
  });
}
