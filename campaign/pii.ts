// Personal values through every channel a person writes in — customer, advisor, admin, content
// editor, the help page's form, URLs — then a search of everything the service keeps: the data folder (SQLite file
// and WAL), a pg_dump of its schema, and its log. Any raw value found is a leak.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { call, login, newAddress, type Tally } from './http.js';
import { ADMIN } from './processes.js';
import { devLogin } from '../src/identity/dev-provider.js';
import { testPersons } from '../src/identity/test-persons.js';

/** Valid numbers (they pass their checks) and secrets, and how people write them. */
export const VALUES = [
  { raw: '15068712375', written: ['15068712375', '150687 12375', '150687-12375'] },
  { raw: '09117707668', written: ['091177  07668', '091177 - 07668', '091177/07668', '091177\n07668', '０９１１７７０７６６８'] },
  { raw: '4111111111111111', written: ['4111 1111 1111 1111', '4111/1111/1111/1111', '4111\n1111\n1111\n1111'] },
  { raw: '5555555555554444', written: ['5555-5555-5555-4444'] },
  { raw: '41182138051', written: ['4118/21/38051', '4118.21.38051'] },
  { raw: '12345678903', written: ['1234 56 78903'] },
  { raw: 'Hemmeleg123', written: ['Hemmeleg123 er passordet mitt'] },
  { raw: 'sommarfugl', written: ['passordet mitt er sommarfugl'] },
  { raw: '904417', written: ['kodebrikka viser 904417'] },
  { raw: 'Sommar2024!', written: ['passord: Sommar2024!'] },
  // The identity numbers a BankID login brings (the test provider's persons): never in clear.
  ...testPersons.slice(0, 2).map((p) => ({ raw: p.nationalId, written: [] as string[] })),
];

const everyWriting = VALUES.flatMap((v) => v.written);

/** Sends every written form through every channel. Returns how many were accepted somewhere. */
export async function sendEverywhere(base: string, tally: Tally): Promise<number> {
  let accepted = 0;
  const ok = (s: number) => {
    if (s < 300) accepted++;
  };
  const cookie = await login(base, ADMIN.email, ADMIN.password);
  for (const [i, w] of everyWriting.entries()) {
    const address = newAddress();
    const c = (await call(base, { method: 'POST', path: '/api/conversations', address }, tally)).body as { id: string; token: string };
    const as = { token: c.token, address };
    ok((await call(base, { method: 'POST', path: `/api/conversations/${c.id}/messages`, body: { text: `Hei, ${w}, BankID virkar ikkje`, clientMessageId: `p-${i}` }, ...as }, tally)).status);
    ok((await call(base, { method: 'POST', path: `/api/conversations/${c.id}/callback`, body: { name: `Kari ${w}`, email: 'kari@bank.test', message: `Ring meg, ${w}` }, ...as }, tally)).status);
    // a personal number typed as the phone is refused, so never stored
    await call(base, { method: 'POST', path: `/api/conversations/${c.id}/callback`, body: { phone: w, message: 'ring' }, ...as }, tally);
    ok((await call(base, { method: 'POST', path: `/api/conversations/${c.id}/messages`, body: { text: 'Eg vil snakke med ein person', clientMessageId: `h-${i}` }, ...as }, tally)).status);
    ok((await call(base, { method: 'POST', path: `/api/advisor/conversations/${c.id}/claim`, cookie }, tally)).status);
    ok((await call(base, { method: 'POST', path: `/api/advisor/conversations/${c.id}/messages`, body: { text: `Stemmer det at ${w}?`, clientMessageId: `a-${i}` }, cookie }, tally)).status);
    ok((await call(base, { method: 'POST', path: `/api/advisor/conversations/${c.id}/notes`, body: { text: `Kunden oppgav ${w}` }, cookie }, tally)).status);
    ok((await call(base, { method: 'POST', path: `/api/advisor/conversations/${c.id}/close`, body: { outcome: `løyst ${w}` }, cookie }, tally)).status);
    ok((await call(base, { method: 'POST', path: '/api/admin/advisors', body: { email: `adv${i}@bank.test`, name: `Rådgjevar ${w}`, displayName: `Kari ${w}`.slice(0, 60), role: 'advisor', password: 'a long enough password' }, cookie }, tally)).status);
    // the content editor: a topic's answer, the change's summary, a training message, a file as text
    ok((await call(base, { method: 'POST', path: '/api/content/drafts', body: { edit: { type: 'topic', id: 'accessibility', title: 'Fungerer BankID-appen for blinde og svaksynte?', category: 'BankID-appen', phrasings: { nn: [`kan blinde bruke appen ${w}`], nb: [], en: [] }, keywords: ['blind'], related: [], answer: `Ja, appen støttar skjermlesar. ${w}` }, summary: `Endra etter kunde ${w}` }, cookie }, tally)).status);
    ok((await call(base, { method: 'POST', path: '/api/content/drafts', body: { edit: { type: 'training', add: [{ label: 'browser', text: `nettlesaren ${w} vil ikkje`, lang: 'nn' }], remove: [] }, summary: 'ny treningsmelding' }, cookie }, tally)).status);
    await call(base, { method: 'POST', path: '/api/content/drafts', body: { edit: { type: 'text', path: 'vocabulary.yaml', body: `# ${w}\n` }, summary: 'tekst' }, cookie }, tally);
    // the help page's form without JavaScript, and a number in a URL
    ok((await call(base, { method: 'GET', path: `/?feilmelding=${encodeURIComponent(w)}` }, tally)).status);
    await call(base, { method: 'GET', path: `/api/conversations/${encodeURIComponent(w)}/messages`, ...as }, tally);
  }
  for (const person of testPersons.slice(0, 2)) accepted += await loggedIn(base, person.nationalId, cookie, tally);
  return accepted;
}

/**
 * A customer logs in with BankID (the local test provider), orders a code chip (the webhook to the
 * development receiver carries the number), is handed to an advisor who reveals the number with a
 * reason: the number passes through the callback, the database, the outbox and the console.
 */
async function loggedIn(base: string, nationalId: string, cookie: string, tally: Tally): Promise<number> {
  const address = newAddress();
  const c = (await call(base, { method: 'POST', path: '/api/conversations', address }, tally)).body as { id: string; token: string };
  const as = { token: c.token, address };
  await call(base, { method: 'POST', path: `/api/conversations/${c.id}/messages`, body: { text: 'kodebrikka viser berre ein dato', clientMessageId: 'l-1' }, ...as }, tally);
  const start = await call(base, { method: 'POST', path: `/api/conversations/${c.id}/identity/login`, body: { returnTo: `${base}/` }, ...as }, tally);
  if (start.status !== 200) return 0;
  const back = await devLogin((start.body as { authorizationUrl: string }).authorizationUrl, { nationalId });
  const landed = await call(base, { method: 'GET', path: back.pathname + back.search, address }, tally);
  if (!String(landed.headers.get('location')).endsWith('=ok')) return 0;
  let accepted = 0;
  const ok = (s: number) => (s < 300 ? accepted++ : 0);
  ok((await call(base, { method: 'POST', path: `/api/conversations/${c.id}/actions/order-code-chip`, body: { again: true }, ...as }, tally)).status);
  ok((await call(base, { method: 'POST', path: `/api/conversations/${c.id}/handoff`, ...as }, tally)).status);
  ok((await call(base, { method: 'POST', path: `/api/advisor/conversations/${c.id}/claim`, cookie }, tally)).status);
  ok((await call(base, { method: 'POST', path: `/api/advisor/conversations/${c.id}/identity/reveal`, body: { reason: 'stadfeste kunden' }, cookie }, tally)).status);
  ok((await call(base, { method: 'GET', path: `/api/conversations/${c.id}/export`, ...as }, tally)).status);
  // Wait for the order to reach the receiver, so the outbox has done its work before the sweep.
  for (let i = 0; i < 50; i++) {
    const orders = (await call(base, { method: 'GET', path: '/dev/bank/orders', address }, tally)).body as { orders: unknown[] };
    if (orders.orders.length >= 1) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return accepted;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Raw values found in the data folder, the dump and the log, as "where: value". */
export function sweep(o: { dataDir: string; logFile: string; pgUrl?: string; pgSchema?: string }): string[] {
  const haystacks: { where: string; text: string }[] = [];
  for (const f of filesUnder(o.dataDir)) {
    if (f === o.logFile) continue;
    // first-admin.txt holds a generated password only when no ADMIN_PASSWORD was given
    haystacks.push({ where: f, text: readFileSync(f).toString('latin1') + readFileSync(f).toString('utf8') });
  }
  haystacks.push({ where: 'log', text: readFileSync(o.logFile, 'utf8') });
  if (o.pgUrl && o.pgSchema) {
    const url = new URL(o.pgUrl);
    url.search = '';
    const dump = execFileSync('pg_dump', ['--schema', o.pgSchema, '--data-only', url.toString()], { maxBuffer: 512 * 1024 * 1024 }).toString('utf8');
    haystacks.push({ where: 'pg_dump', text: dump });
  }
  const found: string[] = [];
  for (const { where, text } of haystacks) {
    const digits = digitsOf(text);
    for (const v of VALUES) {
      const forms = [v.raw, ...v.written.map((w) => w.replace(/\n/g, '\\n'))];
      if (forms.some((f) => text.includes(f))) found.push(`${where}: ${v.raw}`);
      // Digits spread over JSON escapes or separators count too (long numbers only: short ones
      // occur by chance in a big file).
      else if (/^\d{11,}$/.test(v.raw) && where !== 'pg_dump' && where !== 'log' && spreadOver(digits, v.raw)) found.push(`${where}: ${v.raw} (as digits)`);
    }
  }
  return found;
}

/** The text's digits in order, and where each stands in it. */
function digitsOf(text: string): { digits: string; at: number[] } {
  const at: number[] = [];
  let digits = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits += text[i];
      at.push(i);
    }
  }
  return { digits, at };
}

/**
 * Whether the number's digits stand close together in the text, only separators between them (at
 * most four characters per digit: "4111\\n1111…", "4118.21.38051"), rather than gathered from
 * digits of unrelated values kilobytes apart (error codes in the training messages made such a run).
 */
function spreadOver({ digits, at }: { digits: string; at: number[] }, raw: string): boolean {
  for (let k = digits.indexOf(raw); k >= 0; k = digits.indexOf(raw, k + 1)) {
    if (at[k + raw.length - 1]! - at[k]! <= raw.length * 4) return true;
  }
  return false;
}
