import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/connect.js';
import * as m005 from '../db/migrations/005_identity_actions.js';
import { openTestDatabase, testTargets, warnSkipped } from '../db/testing.js';
import { auditLog } from './log.js';

for (const target of testTargets) {
  if (target.skip) warnSkipped(`audit log on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`the audit log on ${target.name}`, () => {
    let handle: DatabaseHandle & { cleanup(): Promise<void> };
    beforeAll(async () => {
      handle = await openTestDatabase(target.name);
    });
    afterAll(async () => handle?.cleanup());

    it('appends, filters and pages newest first', async () => {
      const log = auditLog(handle.db);
      const t = (m: number) => new Date(Date.UTC(2026, 5, 1, 10, m));
      await log.append({ actor: { kind: 'customer' }, action: 'login', conversationId: '00000000-0000-4000-8000-000000000001' }, t(0));
      await log.append({ actor: { kind: 'advisor', id: 'a1' }, action: 'identity.revealed', conversationId: '00000000-0000-4000-8000-000000000001', reason: 'kunden bad om det' }, t(1));
      await log.append({ actor: { kind: 'system' }, action: 'action.delivered', detail: { orderId: 'o1' } }, t(2));
      expect((await log.list()).map((e) => e.action)).toEqual(['action.delivered', 'identity.revealed', 'login']);
      expect((await log.list({ action: 'identity.revealed' }))[0]).toMatchObject({ actor: { kind: 'advisor', id: 'a1' }, reason: 'kunden bad om det' });
      expect((await log.list({ actorId: 'a1' })).length).toBe(1);
      expect((await log.list({ from: t(1), to: t(2) })).map((e) => e.action)).toEqual(['identity.revealed']);
      const [first] = await log.list({ limit: 1 });
      expect((await log.list({ before: { at: first!.at, id: first!.id }, limit: 1 }))[0]!.action).toBe('identity.revealed');
    });

    it('refuses updates and deletes: it is append-only in the database itself', async () => {
      await expect(sql`update audit_log set reason = 'changed'`.execute(handle.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log`.execute(handle.db)).rejects.toThrow(/append-only/);
      expect((await auditLog(handle.db).list()).length).toBe(3);
    });

    it('reruns its migration without harm', async () => {
      if (target.name === 'sqlite') await expect(m005.up(handle.db as never)).resolves.toBeUndefined();
    });
  });
}
