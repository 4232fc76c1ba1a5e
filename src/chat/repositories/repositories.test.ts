// One repository suite, run against SQLite and against PostgreSQL (TEST_DATABASE_URL).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate.js';
import { openTestDatabase, testTargets, warnSkipped } from '../../db/testing.js';
import { newConversation, transition } from '../conversation.js';
import type { MessageDraft } from '../messages.js';
import { createRepositories, type Repositories } from './index.js';
import { timeOrderedId } from './messages.js';

const t = (min: number) => new Date(Date.UTC(2026, 10, 24, 9, min));

for (const target of testTargets) {
  if (target.skip) warnSkipped(`repository tests on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`repositories on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openTestDatabase>>;
    let repo: Repositories;

    beforeAll(async () => {
      handle = await openTestDatabase(target.name);
      // On SQLite the appends take the direct path (connect.ts), as the service's do.
      repo = createRepositories(handle.db, handle.dialect, handle.direct);
    });
    afterAll(async () => {
      await handle?.cleanup();
    });

    async function conversation(min = 0) {
      const c = newConversation(randomUUID(), t(min));
      await repo.conversations.create(c, 'hash-' + c.id);
      return c;
    }
    const customer = (text: string, clientMessageId: string): MessageDraft => ({ author: 'customer', kind: 'text', text, clientMessageId });

    it('runs migrations once; a rerun does nothing', async () => {
      expect(await migrateToLatest(handle.db)).toEqual([]);
    });

    it('stores and reads a conversation with its timestamps', async () => {
      const c = await conversation();
      expect(await repo.conversations.get(c.id)).toEqual(c);
      expect(await repo.conversations.tokenHash(c.id)).toBe('hash-' + c.id);
      expect(await repo.conversations.withTokenHash(c.id)).toEqual({ conversation: c, tokenHash: 'hash-' + c.id });
      expect(await repo.conversations.get(randomUUID())).toBeNull();
      expect(await repo.conversations.withTokenHash(randomUUID())).toBeNull();
    });

    it('saves a transition only from the state the caller read', async () => {
      const c = await conversation();
      const queued = transition(c, { to: 'queued' }, t(1));
      expect(await repo.conversations.save(queued, 'bot')).toBe(true);
      const byA = transition(queued, { to: 'advisor', advisorId: 'a' }, t(2));
      const byB = transition(queued, { to: 'advisor', advisorId: 'b' }, t(2));
      expect(await repo.conversations.save(byA, 'queued')).toBe(true);
      expect(await repo.conversations.save(byB, 'queued')).toBe(false);
      expect((await repo.conversations.get(c.id))?.advisorId).toBe('a');
    });

    it('hands out consecutive seqs and stores replies with their question', async () => {
      const c = await conversation();
      const r = await repo.messages.append(
        c.id,
        [customer('Eg får BID-14B1', 'm1'), { author: 'bot', kind: 'answer', text: 'Prøv igjen', sources: ['feil-14b1'], urgent: false, intent: 'error-code', errorCodes: ['14B1'] }],
        t(1),
      );
      expect(r.duplicate).toBe(false);
      expect(r.messages.map((m) => [m.seq, m.author, m.replyTo])).toEqual([
        [1, 'customer', null],
        [2, 'bot', 1],
      ]);
      expect(r.messages[1]).toMatchObject({ sources: ['feil-14b1'], intent: 'error-code', errorCodes: ['14B1'], options: [] });
      const next = await repo.messages.append(c.id, [customer('takk', 'm2')], t(2));
      expect(next.messages[0]?.seq).toBe(3);
    });

    it('never stores a resent clientMessageId twice and returns the first answer', async () => {
      const c = await conversation();
      const first = await repo.messages.append(c.id, [customer('hei', 'same'), { author: 'bot', kind: 'answer', text: 'Hei!' }], t(1));
      const again = await repo.messages.append(c.id, [customer('hei', 'same'), { author: 'bot', kind: 'answer', text: 'Hei igjen!' }], t(2));
      expect(again.duplicate).toBe(true);
      expect(again.messages).toEqual(first.messages);
      expect(await repo.messages.after(c.id, 0)).toHaveLength(2);
    });

    it('keeps seqs unique and resends single under concurrent writers', async () => {
      const c = await conversation();
      const writes = Array.from({ length: 20 }, (_, i) => repo.messages.append(c.id, [customer(`m${i % 10}`, `id-${i % 10}`)], t(1)));
      const results = await Promise.all(writes);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(10);
      const all = await repo.messages.after(c.id, 0);
      expect(all.map((m) => m.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      expect(new Set(all.map((m) => m.clientMessageId)).size).toBe(10);
    });

    it('returns exactly the messages after a seq', async () => {
      const c = await conversation();
      for (let i = 1; i <= 5; i++) await repo.messages.append(c.id, [customer(`m${i}`, `c${i}`)], t(i));
      expect((await repo.messages.after(c.id, 3)).map((m) => m.text)).toEqual(['m4', 'm5']);
      expect(await repo.messages.after(c.id, 5)).toEqual([]);
      expect(await repo.messages.customerTexts(c.id, 2)).toEqual(['m4', 'm5']);
      expect((await repo.messages.get(c.id, 2))?.text).toBe('m2');
    });

    it('stores the same through Kysely as past it (SQLite\'s direct path), text redacted on both', async () => {
      const viaKysely = createRepositories(handle.db, handle.dialect);
      const understanding = { urgent: true, topic: 'svindel', errorCodes: ['14B1'], whileState: 'bot' };
      const drafts = (tag: string): MessageDraft[] => [
        customer('Fnr 15068712375, kort 4111 1111 1111 1111\u0000 og BID-14B1', `${tag}-1`),
        { author: 'bot', kind: 'answer', text: 'Ring banken', sources: ['svindel'], urgent: true, intent: 'urgent', errorCodes: ['14B1'], options: [{ topicId: 'svindel', label: 'Svindel' }] },
        { author: 'bot', kind: 'handoff', text: 'Vent litt' },
      ];
      const stored = async (r: Repositories, tag: string) => {
        const c = await conversation();
        const result = await r.messages.append(c.id, drafts(tag), t(3), understanding);
        const row = await handle.db.selectFrom('conversations').select(['last_seq', 'urgent', 'topic', 'error_codes']).where('id', '=', c.id).executeTakeFirstOrThrow();
        const again = await r.messages.append(c.id, drafts(tag), t(4), understanding);
        return { result, row: { ...row, urgent: Number(row.urgent) }, kept: await r.messages.after(c.id, 0), again };
      };
      const a = await stored(viaKysely, 'k');
      const b = await stored(repo, 'd');
      const strip = (ms: readonly { clientMessageId: string | null }[]) => ms.map((m) => ({ ...m, clientMessageId: m.clientMessageId?.slice(2) ?? null }));
      expect(strip(b.result.messages)).toEqual(strip(a.result.messages));
      expect(b.result.understood).toBe(true);
      expect(b.row).toEqual(a.row);
      expect(b.row).toEqual({ last_seq: 3, urgent: 1, topic: 'svindel', error_codes: '["14B1"]' });
      expect(strip(b.kept)).toEqual(strip(a.kept));
      expect(b.kept[0]!.text).not.toMatch(/15068712375|4111|\u0000/);
      expect(b.again.duplicate).toBe(true);
      expect(b.again.messages).toEqual(b.result.messages);
    });

    /** A Kysely transaction that has set the topic and stays open until `release`; `then` ends it (or throws, rolling back). */
    async function heldTransaction(id: string, topic: string, then: () => void = () => {}) {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const done = handle.db.transaction().execute(async (trx) => {
        await trx.updateTable('conversations').set({ topic }).where('id', '=', id).execute();
        entered();
        await held;
        then();
      });
      await inside;
      return { release, done };
    }

    it('waits for an open transaction instead of writing inside it', async () => {
      const c = await conversation();
      const other = await heldTransaction(c.id, 'held');
      const append = repo.messages.append(c.id, [customer('medan', 'w1')], t(5));
      other.release();
      await other.done;
      expect((await append).messages.map((m) => [m.seq, m.text])).toEqual([[1, 'medan']]);
      expect((await repo.conversations.get(c.id))?.topic).toBe('held');
    });

    it('reads a conversation the same past Kysely as through it, and never inside another’s open transaction', async () => {
      const c = await conversation();
      const viaKysely = createRepositories(handle.db, handle.dialect);
      expect(await repo.conversations.get(c.id)).toEqual(await viaKysely.conversations.get(c.id));
      expect(await repo.conversations.get(randomUUID())).toBeNull();
      const other = await heldTransaction(c.id, 'uncommitted', () => {
        throw new Error('rolled back');
      });
      // On SQLite the read would otherwise run on the same connection, inside the open transaction.
      const read = repo.conversations.get(c.id);
      other.release();
      await expect(other.done).rejects.toThrow('rolled back');
      expect((await read)?.topic).toBeNull();
    });

    it('refuses messages for a conversation that does not exist', async () => {
      await expect(repo.messages.append(randomUUID(), [customer('x', 'y')], t(1))).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
    });

    it('orders the queue: urgent first, then longest waiting', async () => {
      const before = (await repo.conversations.queue()).map((c) => c.id);
      const late = transition(await conversation(), { to: 'queued' }, t(30));
      const early = transition(await conversation(), { to: 'queued' }, t(10));
      const urgent = { ...transition(await conversation(), { to: 'queued' }, t(40)), urgent: true };
      for (const c of [late, early, urgent]) await repo.conversations.save(c, 'bot');
      const ids = (await repo.conversations.queue()).map((c) => c.id).filter((id) => !before.includes(id));
      expect(ids).toEqual([urgent.id, early.id, late.id]);
      // leave the queue as it was for the other tests
      for (const c of [late, early, urgent]) await repo.conversations.save(transition(c, { to: 'closed', outcome: 'abandoned' }, t(50)), 'queued');
    });

    it('lists an advisor’s conversations and recent handling times', async () => {
      const c = transition(transition(await conversation(), { to: 'queued' }, t(1)), { to: 'advisor', advisorId: 'adv-x' }, t(2));
      await repo.conversations.save(c, 'bot');
      expect((await repo.conversations.assignedTo('adv-x')).map((x) => x.id)).toEqual([c.id]);
      await repo.conversations.save(transition(c, { to: 'closed', outcome: 'solved' }, t(7)), 'advisor');
      expect(await repo.conversations.recentHandleSeconds()).toContain(300);
    });

    it('records many customers as seen in one go, each at most once a minute', async () => {
      const cs = await Promise.all(Array.from({ length: 1205 }, () => conversation(0)));
      const ids = cs.map((c) => c.id);
      expect(await repo.conversations.touchCustomers(ids.slice(0, 5), t(0))).toBe(0); // within the minute of opening
      expect(await repo.conversations.touchCustomers([...ids, randomUUID()], t(2))).toBe(1205);
      expect((await repo.conversations.get(ids[1204]!))?.customerSeenAt).toEqual(t(2));
      expect(await repo.conversations.touchCustomers(ids, t(2))).toBe(0);
    });

    it('records the customer as seen at most once a minute, never moving back', async () => {
      const c = await conversation(0);
      expect((await repo.conversations.get(c.id))?.customerSeenAt).toEqual(t(0)); // opening it counts
      const at = (min: number, sec = 0) => new Date(t(min).getTime() + sec * 1000);
      expect(await repo.conversations.touchCustomer(c.id, at(0, 59))).toBe(false); // within the minute
      expect(await repo.conversations.touchCustomer(c.id, at(1))).toBe(true);
      expect(await repo.conversations.touchCustomer(c.id, at(0, 30))).toBe(false); // an older time
      expect((await repo.conversations.get(c.id))?.customerSeenAt).toEqual(at(1));
      // a save (from a conversation read before the touch) does not write presence back
      await repo.conversations.save(transition(c, { to: 'queued' }, t(1)), 'bot');
      expect((await repo.conversations.get(c.id))?.customerSeenAt).toEqual(at(1));
    });

    it('finds unattended conversations and closes one only while it still is', async () => {
      const gone = transition(await conversation(0), { to: 'queued' }, t(1));
      const back = transition(await conversation(0), { to: 'queued' }, t(1));
      const waiting = transition(await conversation(0), { to: 'queued' }, t(1)); // left a callback request
      for (const c of [gone, back, waiting]) await repo.conversations.save(c, 'bot');
      const cb = await repo.callbacks.add({ conversationId: waiting.id, name: null, phone: '99999999', email: null, message: 'Ring meg' }, t(1));
      const mine = (cs: { id: string }[]) => cs.map((c) => c.id).filter((id) => [gone.id, back.id, waiting.id].includes(id));

      expect(mine(await repo.conversations.unattended('queued', t(0)))).toEqual([]); // nobody unseen that long
      expect(mine(await repo.conversations.unattended('queued', t(20))).sort()).toEqual([gone.id, back.id].sort());
      expect(mine(await repo.conversations.unattended('bot', t(20)))).toEqual([]);

      await repo.conversations.touchCustomer(back.id, t(19)); // came back after the sweeper read it
      const close = (c: typeof gone) => repo.conversations.saveIfUnattended(transition(c, { to: 'closed', outcome: 'abandoned' }, t(20)), 'queued', t(5));
      expect(await close(back)).toBe(false);
      expect(await close(waiting)).toBe(false);
      expect(await close(gone)).toBe(true);
      expect(await close(gone)).toBe(false); // once
      expect((await repo.conversations.get(gone.id))?.state).toBe('closed');
      expect((await repo.conversations.get(back.id))?.state).toBe('queued');

      await repo.callbacks.markHandled(cb.id, 'adv', t(21)); // handled: no longer held back
      expect(mine(await repo.conversations.unattended('queued', t(5)))).toEqual([waiting.id]);
      // leave the queue as it was for the other tests
      for (const c of [back, waiting]) await repo.conversations.save(transition(c, { to: 'closed', outcome: 'abandoned' }, t(50)), 'queued');
    });

    it('stores advisors and sessions', async () => {
      const id = randomUUID();
      await repo.advisors.create({ id, email: `Kari.${id}@Bank.no`, name: 'Kari', role: 'advisor', active: true, createdAt: t(0).toISOString() }, 'argon-hash');
      const found = await repo.advisors.byEmail(`kari.${id}@bank.no`);
      expect(found).toMatchObject({ advisor: { id, role: 'advisor' }, passwordHash: 'argon-hash' });
      await expect(
        repo.advisors.create({ id: randomUUID(), email: `kari.${id}@bank.no`, name: 'K', role: 'admin', active: true, createdAt: t(0).toISOString() }, 'h'),
      ).rejects.toThrow();
      await repo.sessions.create('sess-' + id, id, t(0), t(60));
      expect((await repo.sessions.advisor('sess-' + id, t(30)))?.id).toBe(id);
      expect(await repo.sessions.advisor('sess-' + id, t(60))).toBeNull();
      expect(await repo.sessions.activeAdvisors(t(30))).toBeGreaterThanOrEqual(1);
      await repo.sessions.delete('sess-' + id);
      expect(await repo.sessions.advisor('sess-' + id, t(30))).toBeNull();
    });

    it('changes an account, ends its sessions when deactivated or given a new password, and always keeps an active admin', async () => {
      const account = async (role: 'advisor' | 'admin') => {
        const id = randomUUID();
        await repo.advisors.create({ id, email: `${id}@bank.test`, name: 'N', role, active: true, createdAt: t(0).toISOString() }, 'h');
        return id;
      };
      const first = await account('admin');
      const second = await account('admin');
      expect((await repo.advisors.list()).filter((a) => a.role === 'admin').map((a) => a.id).sort()).toEqual([first, second].sort()); // the only admins here
      const kari = await account('advisor');
      await repo.sessions.create('s1-' + kari, kari, t(0), t(60));
      await repo.sessions.create('s2-' + kari, kari, t(0), t(60));

      expect(await repo.advisors.update(kari, { name: 'Kari Nordmann', role: 'admin' })).toMatchObject({
        outcome: 'updated',
        before: { name: 'N', role: 'advisor', active: true },
        advisor: { name: 'Kari Nordmann', role: 'admin', active: true },
      });
      expect(await repo.advisors.setPassword(kari, 'new-hash', 's1-' + kari)).toBe(true);
      expect((await repo.advisors.byId(kari))?.name).toBe('Kari Nordmann');
      expect((await repo.advisors.byEmail(`${kari}@bank.test`))?.passwordHash).toBe('new-hash');
      expect(await repo.sessions.advisor('s1-' + kari, t(30))).not.toBeNull(); // the one kept
      expect(await repo.sessions.advisor('s2-' + kari, t(30))).toBeNull();
      expect(await repo.advisors.setPassword(randomUUID(), 'x')).toBe(false);

      expect(await repo.advisors.update(kari, { active: false })).toMatchObject({ outcome: 'updated', advisor: { active: false } });
      expect(await repo.sessions.advisor('s1-' + kari, t(30))).toBeNull();
      await repo.sessions.create('s3-' + kari, kari, t(0), t(60)); // even a session row left over opens nothing
      expect(await repo.sessions.advisor('s3-' + kari, t(30))).toBeNull();
      expect(await repo.advisors.update(kari, { active: true })).toMatchObject({ outcome: 'updated', advisor: { active: true } });
      expect((await repo.sessions.advisor('s3-' + kari, t(30)))?.id).toBe(kari);

      // Three active admins (first, second, kari): two may go, the last may not.
      expect((await repo.advisors.update(kari, { role: 'advisor' })).outcome).toBe('updated');
      expect((await repo.advisors.update(second, { active: false })).outcome).toBe('updated');
      expect(await repo.advisors.update(first, { role: 'advisor' })).toEqual({ outcome: 'last-admin' });
      expect(await repo.advisors.update(first, { active: false })).toEqual({ outcome: 'last-admin' });
      expect(await repo.advisors.update(first, { name: 'Still admin' })).toMatchObject({ outcome: 'updated' });
      expect(await repo.advisors.byId(first)).toMatchObject({ role: 'admin', active: true });
      expect(await repo.advisors.update(randomUUID(), { name: 'x' })).toEqual({ outcome: 'not-found' });

      // Two admins demoting each other at the same moment: one wins, one admin stays.
      expect((await repo.advisors.update(second, { active: true })).outcome).toBe('updated');
      const both = await Promise.all([repo.advisors.update(first, { role: 'advisor' }), repo.advisors.update(second, { role: 'advisor' })]);
      expect(both.map((r) => r.outcome).sort()).toEqual(['last-admin', 'updated']);
      expect((await repo.advisors.list()).filter((a) => a.role === 'admin' && a.active)).toHaveLength(1);
    });

    it('stores notes, callback requests and feedback', async () => {
      const c = await conversation();
      await repo.notes.add(c.id, 'adv', 'kunden har ny telefon', t(1));
      expect((await repo.notes.list(c.id)).map((n) => n.text)).toEqual(['kunden har ny telefon']);

      const cb = await repo.callbacks.add({ conversationId: c.id, name: 'Ola', phone: '99999999', email: null, message: 'Ring meg' }, t(1));
      expect((await repo.callbacks.open()).map((x) => x.id)).toContain(cb.id);
      expect(await repo.callbacks.markHandled(cb.id, 'adv', t(2))).toBe(true);
      expect(await repo.callbacks.markHandled(cb.id, 'adv', t(3))).toBe(false);
      expect((await repo.callbacks.open()).map((x) => x.id)).not.toContain(cb.id);

      await repo.feedback.set(c.id, 2, true, t(1));
      await repo.feedback.set(c.id, 2, false, t(2));
      expect(await repo.feedback.get(c.id, 2)).toBe(false);
      expect(await repo.feedback.get(c.id, 3)).toBeNull();
    });
  });
}

describe('timeOrderedId', () => {
  it('is a version 7 UUID whose order is the order of its times', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 1, max: 2 ** 40 }), (ms, later) => {
        const a = timeOrderedId(new Date(ms));
        const b = timeOrderedId(new Date(ms + later));
        expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(a < b).toBe(true);
      }),
    );
  });

  it('differs for messages written in the same millisecond', () => {
    const at = new Date(Date.UTC(2026, 10, 24, 9));
    expect(new Set(Array.from({ length: 1000 }, () => timeOrderedId(at))).size).toBe(1000);
  });
});
