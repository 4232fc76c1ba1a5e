// The widget on another site (WIDGET_ORIGINS): its pages get CORS answers from the customer API and
// may open the customer WebSocket; another site's pages are refused; the advisor socket stays
// with the console's own pages. Over a real port, with the Origin header a browser would send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseLocation, type TestDatabaseLocation } from '../db/testing.js';
import { ADMIN, client, openSocket, startTestServer, type TestServer } from './testing.js';

const BANK = 'https://www.bank.test';
const OTHER = 'https://evil.test';

describe('pages on other sites', () => {
  let where: TestDatabaseLocation;
  let server: TestServer;
  beforeAll(async () => {
    where = testDatabaseLocation('sqlite');
    server = await startTestServer({ ...where, openingHours: 'mon-sun 00:00-24:00', widgetOrigins: `${BANK}, http://localhost:8123` });
  });
  afterAll(async () => {
    await server?.close();
    await where?.cleanup();
  });

  const from = (origin: string, init: RequestInit & { headers?: Record<string, string> } = {}) => ({ ...init, headers: { origin, ...init.headers } });

  it('answers a listed site’s preflight and requests with CORS headers, and its page talks to the bot', async () => {
    const preflight = await fetch(`${server.url}/api/conversations`, {
      method: 'OPTIONS',
      headers: { origin: BANK, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(BANK);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization.*content-type/);
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull(); // tokens, never cookies

    const created = await fetch(`${server.url}/api/conversations`, from(BANK, { method: 'POST' }));
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe(BANK);
    expect(created.headers.get('vary')).toMatch(/origin/i);
    const { id, token } = (await created.json()) as { id: string; token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const sent = await fetch(`${server.url}/api/conversations/${id}/messages`, from(BANK, { method: 'POST', headers: auth, body: JSON.stringify({ text: 'BID-14B1', clientMessageId: 'x1' }) }));
    expect(sent.status).toBe(201);
    expect(sent.headers.get('access-control-allow-origin')).toBe(BANK);
    // Errors too carry the header, so the widget can read what went wrong.
    const bad = await fetch(`${server.url}/api/conversations/${id}/messages`, from(BANK, { method: 'POST', headers: auth, body: '{}' }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe(BANK);
    const hours = await fetch(`${server.url}/api/opening-hours`, from(BANK));
    expect(hours.status).toBe(200);
    expect(hours.headers.get('access-control-allow-origin')).toBe(BANK);

    const socket = await openSocket(`${server.wsUrl}/api/conversations/${id}/ws?token=${token}`, { origin: BANK });
    await socket.waitFor((f) => f.type === 'synced');
    expect(socket.messages().map((m) => m.seq)).toEqual([1, 2]);
    await socket.close();
  });

  it('refuses every other site’s pages, with a 403 that says where to allow them', async () => {
    const preflight = await fetch(`${server.url}/api/conversations`, { method: 'OPTIONS', headers: { origin: OTHER, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const created = await fetch(`${server.url}/api/conversations`, from(OTHER, { method: 'POST' }));
    expect(created.status).toBe(403);
    expect(await created.json()).toMatchObject({ error: { code: 'ERR_FORBIDDEN', message: expect.stringContaining('WIDGET_ORIGINS') } });
    expect((await fetch(`${server.url}/api/opening-hours`, from('https://www.bank.test.evil.test'))).status).toBe(403);
    expect((await fetch(`${server.url}/api/opening-hours`, from('null'))).status).toBe(403); // a sandboxed or file page

    const { id, token } = (await client(server.url).post<{ id: string; token: string }>('/api/conversations')).body;
    await expect(openSocket(`${server.wsUrl}/api/conversations/${id}/ws?token=${token}`, { origin: OTHER })).rejects.toThrow('403');
  });

  it('always serves the service’s own pages and clients that send no Origin', async () => {
    const own = new URL(server.url).origin;
    const created = await fetch(`${server.url}/api/conversations`, from(own, { method: 'POST' }));
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBeNull(); // same origin: no CORS needed
    expect((await client(server.url).post('/api/conversations')).status).toBe(201);
  });

  it('opens the advisor socket from the console’s own pages only, listed sites included', async () => {
    const advisor = client(server.url);
    expect((await advisor.post('/api/advisor/login', ADMIN)).status).toBe(200);
    const cookie = advisor.cookie()!;
    const own = await openSocket(`${server.wsUrl}/api/advisor/ws`, { cookie, origin: new URL(server.url).origin });
    await own.close();
    await expect(openSocket(`${server.wsUrl}/api/advisor/ws`, { cookie, origin: BANK })).rejects.toThrow('403');
    await expect(openSocket(`${server.wsUrl}/api/advisor/ws`, { cookie, origin: OTHER })).rejects.toThrow('403');
  });

  it('takes advisor and admin changes from the console’s own pages only, with the cookie or without', async () => {
    const advisor = client(server.url);
    expect((await advisor.post('/api/advisor/login', ADMIN)).status).toBe(200);
    const cookie = advisor.cookie()!;
    const own = new URL(server.url).origin;
    const post = (path: string, origin: string, body: unknown = {}) =>
      fetch(server.url + path, from(origin, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) }));
    for (const origin of [OTHER, BANK]) {
      for (const path of ['/api/advisor/login', '/api/advisor/logout', '/api/admin/advisors']) {
        const res = await post(path, origin, path.endsWith('login') ? ADMIN : { email: 'x@bank.test', name: 'X', role: 'advisor', password: 'a long enough password' });
        expect(res.status, `${origin} ${path}`).toBe(403);
        expect(await res.json()).toMatchObject({ error: { code: 'ERR_FORBIDDEN' } });
      }
    }
    expect((await fetch(`${server.url}/api/advisor/me`, from(OTHER, { headers: { cookie } }))).status).toBe(200); // reads carry no change
    expect((await post('/api/admin/advisors', own, { email: 'y@bank.test', name: 'Y', role: 'advisor', password: 'a long enough password' })).status).toBe(201);
  });
});
