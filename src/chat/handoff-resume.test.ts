// A hand-off is never lost: when a step after storing the customer's message fails (a one-off
// database error, or the process dying), the client's retry of the same message finishes it.
// Failures are injected between the steps, on SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContentPack } from '../content/index.js';
import { openTestDatabase, testTargets, warnSkipped } from '../db/testing.js';
import { createEngine } from '../engine/index.js';
import { redact } from '../engine/privacy/redact.js';
import { localBus } from '../server/bus.js';
import type { ChatContext } from './context.js';
import { customerService } from './customer-service.js';
import type { ChatEvent } from './events.js';
import { buildSchedule } from './opening-hours.js';
import { createRepositories } from './repositories/index.js';
import { chatTexts } from './texts.js';

const pack = loadContentPack('content');
const engine = createEngine(pack);
const open = buildSchedule({ openingHours: 'mon-sun 00:00-24:00', timeZone: 'Europe/Oslo', specialDays: [] }, () => false);
const closed = buildSchedule({ openingHours: 'mon 08:00-09:00', timeZone: 'Europe/Oslo', specialDays: [] }, () => false);
const at = new Date('2026-11-25T12:00:00Z'); // a Wednesday: closed by `closed`

for (const target of testTargets) {
  if (target.skip) warnSkipped(`hand-off resumption tests on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`a failed hand-off is finished by the retry, on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openTestDatabase>>;
    beforeAll(async () => {
      handle = await openTestDatabase(target.name);
    });
    afterAll(async () => {
      await handle?.cleanup();
    });

    /** The service, with conversation saves failing at the given call numbers (1-based). */
    function service(failAt: number[], schedule = open) {
      const repos = createRepositories(handle.db);
      let calls = 0;
      const save = repos.conversations.save.bind(repos.conversations);
      repos.conversations.save = async (...args) => {
        calls++;
        if (failAt.includes(calls)) throw new Error(`injected failure at save ${calls}`);
        return save(...args);
      };
      const events: ChatEvent[] = [];
      const bus = localBus();
      bus.subscribe((e) => events.push(e));
      const ctx: ChatContext = { repos, engine, schedule, bus, now: () => at, bank: pack.bank, texts: chatTexts(pack.messages), redact };
      return { customers: customerService(ctx), repos, events };
    }

    const cases = [
      ['before the conversation learns what the bot understood', [1]],
      ['before the conversation enters the queue', [2]],
      ['at both steps, over two retries', [1, 3]],
    ] as const;

    it.each(cases)('fails %s: the retry queues it, once', async (_when, failAt) => {
      const { customers, repos, events } = service([...failAt]);
      const { id } = await customers.create();
      const conv = await repos.conversations.get(id);
      const input = { text: 'Nokon har lura meg til å gi frå meg passordet til BankID', clientMessageId: 'm-' + randomUUID() };
      let result: Awaited<ReturnType<typeof customers.post>> | undefined;
      for (let attempt = 0; attempt < 3 && !result; attempt++) {
        try {
          result = await customers.post((await repos.conversations.get(id)) ?? conv!, input);
        } catch (e) {
          expect(String(e)).toContain('injected failure');
        }
      }
      expect(result?.handoff).toMatchObject({ state: 'queued', position: expect.any(Number) });
      const stored = await repos.conversations.get(id);
      expect(stored).toMatchObject({ state: 'queued', urgent: true });
      const messages = await repos.messages.after(id);
      expect(messages.map((m) => `${m.author}:${m.kind}`)).toEqual(['customer:text', 'bot:handoff', 'system:queued']);
      expect(events.filter((e) => e.type === 'conversation.state_changed' && e.state === 'queued')).toHaveLength(1);
      // A later retry changes nothing and says the same.
      const again = await customers.post(stored!, input);
      expect(again.handoff).toMatchObject({ state: 'queued', position: result!.handoff && 'position' in result!.handoff ? result!.handoff.position : -1 });
      expect(await repos.messages.after(id)).toHaveLength(3);
    });

    it('outside opening hours, the retry gives the closed-hours answer without a second notice', async () => {
      const { customers, repos } = service([], closed);
      const { id } = await customers.create();
      const input = { text: 'Eg vil snakke med ein person', clientMessageId: 'c-1' };
      const first = await customers.post((await repos.conversations.get(id))!, input);
      expect(first.handoff).toMatchObject({ state: 'closed' });
      const retry = await customers.post((await repos.conversations.get(id))!, input);
      expect(retry.handoff).toEqual(first.handoff);
      expect((await repos.messages.after(id)).filter((m) => m.kind === 'closed-hours')).toHaveLength(1);
    });
  });
}
