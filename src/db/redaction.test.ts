// Every free-text column passes through the redactor on the way in, on both databases, whichever
// statement writes it; and every text column of the live schema is placed in one of the lists.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../chat/repositories/index.js';
import { newConversation } from '../chat/conversation.js';
import type { Database } from './schema.js';
import { FREE_TEXT, NOT_FREE_TEXT } from './redaction.js';
import { openTestDatabase, testTargets, warnSkipped } from './testing.js';

const at = new Date(Date.UTC(2026, 10, 24, 9, 0));

/** Valid numbers and a stated secret, written the ways a reviewer found the redactor missing. */
const SECRETS = ['091177  07668', '091177/07668', '4111/1111/1111/1111', '4118/21/38051', '０９１１７７０７６６８', 'passordet mitt er Sommar2024'];
const LEAKS = [/091177\D{0,3}07668/, /4111\D?1111/, /4118\D?21\D?38051/, /[\uff10-\uff19]{4}/, /Sommar2024/];

const written = fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...SECRETS), fc.string({ maxLength: 20 }), fc.constantFrom('', '\u0000'))
  .map(([a, secret, b, nul]) => `${a.replace(/\d/g, '')} ${secret}${nul} ${b.replace(/\d/g, '')}`);

for (const target of testTargets) {
  if (target.skip) warnSkipped(`redaction tests on ${target.name}`, 'TEST_DATABASE_URL');

  describe.skipIf(target.skip)(`storage redaction on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openTestDatabase>>;
    beforeAll(async () => {
      handle = await openTestDatabase(target.name);
    });
    afterAll(async () => {
      await handle?.cleanup();
    });

    it('places every text column of the live schema as free text or not', async () => {
      const tables = await handle.db.introspection.getTables();
      const textual = (t: string) => /text|char/i.test(t);
      for (const table of tables.filter((t) => t.name in FREE_TEXT)) {
        const name = table.name as keyof Database;
        const placed = new Set<string>([...FREE_TEXT[name], ...NOT_FREE_TEXT[name]]);
        const text = table.columns.filter((c) => textual(c.dataType)).map((c) => c.name);
        expect(text.filter((c) => !placed.has(c)), `${name}: text columns in neither list`).toEqual([]);
      }
      expect(tables.map((t) => t.name).filter((n) => !(n in FREE_TEXT) && !n.startsWith('kysely_'))).toEqual([]);
    });

    it('redacts every free-text column, through the repositories and through any insert or update', async () => {
      const repo = createRepositories(handle.db);
      await fc.assert(
        fc.asyncProperty(written, async (text) => {
          const c = newConversation(randomUUID(), at);
          await repo.conversations.create(c, 'hash-' + c.id);
          const advisorId = randomUUID();
          await repo.advisors.create({ id: advisorId, email: `${advisorId}@bank.test`, name: text, role: 'advisor', active: true, displayName: text, createdAt: at.toISOString() }, 'hash');
          const stored = [
            (await repo.messages.append(c.id, [{ author: 'advisor', kind: 'text', text, advisorId }], at)).messages[0]!.text,
            (await repo.notes.add(c.id, advisorId, text, at)).text,
            ...Object.values(await repo.callbacks.add({ conversationId: c.id, name: text, phone: text, email: text, message: text }, at)).filter((v): v is string => typeof v === 'string'),
          ];
          await handle.db.updateTable('conversations').set({ outcome: text }).where('id', '=', c.id).execute();
          await handle.db.updateTable('messages').set({ text }).where('conversation_id', '=', c.id).execute();
          // Every free-text column as the database now holds it.
          for (const [table, columns] of Object.entries(FREE_TEXT) as [keyof Database, readonly string[]][]) {
            if (!columns.length) continue;
            const rows = await sql<Record<string, unknown>>`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}`.execute(handle.db);
            for (const row of rows.rows) stored.push(...Object.values(row).filter((v): v is string => typeof v === 'string'));
          }
          for (const value of stored) {
            for (const leak of LEAKS) expect(value).not.toMatch(leak);
            expect(value).not.toContain('\u0000');
          }
        }),
        { numRuns: 40 },
      );
    });

    it('leaves what is not free text as it was', async () => {
      const c = newConversation(randomUUID(), at);
      await createRepositories(handle.db).conversations.create(c, 'hash-15068712375');
      expect(await createRepositories(handle.db).conversations.tokenHash(c.id)).toBe('hash-15068712375');
    });
  });
}
