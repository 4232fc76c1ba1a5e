// A client that counts: every response's status goes into a tally, 5xx are kept with what was
// asked. Each simulated customer has an address of its own (X-Forwarded-For, as a proxy writes it).
export interface Tally {
  requests: number;
  byStatus: Map<number, number>;
  /** Requests answered 5xx (or not answered at all where an answer was due), for the report. */
  failures: { method: string; path: string; status: number; body: string }[];
}

export const newTally = (): Tally => ({ requests: 0, byStatus: new Map(), failures: [] });

export const serverErrors = (t: Tally) => [...t.byStatus].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);

let addressSeq = 0;
/** A fresh client address in 10.0.0.0/8. */
export const newAddress = () => {
  const n = ++addressSeq;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

export interface Call {
  method: string;
  path: string;
  body?: unknown;
  /** Sent as it is (a string body may be broken JSON on purpose). */
  rawBody?: string;
  headers?: Record<string, string>;
  token?: string;
  cookie?: string;
  address?: string;
}

export async function call(base: string, c: Call, tally?: Tally): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = { 'x-forwarded-for': c.address ?? newAddress(), ...c.headers };
  if (c.token) headers.authorization = `Bearer ${c.token}`;
  if (c.cookie) headers.cookie = c.cookie;
  let body: string | undefined = c.rawBody;
  if (body === undefined && c.body !== undefined) body = JSON.stringify(c.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(base + c.path, { method: c.method, headers, body, redirect: 'manual' });
  const text = await res.text();
  if (tally) {
    tally.requests++;
    tally.byStatus.set(res.status, (tally.byStatus.get(res.status) ?? 0) + 1);
    if (res.status >= 500) tally.failures.push({ method: c.method, path: c.path.slice(0, 200), status: res.status, body: text.slice(0, 300) });
  }
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: the help page, the docs
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export async function login(base: string, email: string, password: string): Promise<string> {
  const address = newAddress();
  const res = await fetch(`${base}/api/advisor/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function pool<T>(items: readonly T[], concurrency: number, work: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i]!, i);
      }
    }),
  );
}
