// The content pack's versions in the database (migration 009), on SQLite and PostgreSQL alike.
// A version is written as a draft and decided once (approved, rejected, withdrawn); the published
// pack is, for each file, the approved version with the highest release. Nothing is deleted, so
// every earlier text can be shown, compared and restored.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DialectName } from '../db/connect.js';
import type { ContentVersionsTable, Database } from '../db/schema.js';
import type { ContentFiles } from './files.js';

export const versionStates = ['draft', 'approved', 'rejected', 'withdrawn'] as const;
export type VersionState = (typeof versionStates)[number];

export interface ContentVersion {
  id: string;
  path: string;
  version: number;
  /** null: the file is removed in this version. */
  body: string | null;
  state: VersionState;
  basedOn: number | null;
  release: number | null;
  summary: string;
  /** null: imported from a folder. */
  authorId: string | null;
  createdAt: string;
  updatedAt: string;
  reviewerId: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  quality: unknown;
  overrideReason: string | null;
}

export interface Published {
  files: Map<string, string>;
  /** Each file's published version number. */
  versions: Map<string, number>;
  /** The highest release: it grows with every publication, so instances compare it to know they are behind. */
  release: number;
}

const toVersion = (r: ContentVersionsTable): ContentVersion => ({
  id: r.id,
  path: r.path,
  version: r.version,
  body: r.body,
  state: r.state as VersionState,
  basedOn: r.based_on,
  release: r.release,
  summary: r.summary,
  authorId: r.author_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  reviewerId: r.reviewer_id,
  reviewedAt: r.reviewed_at,
  reviewComment: r.review_comment,
  quality: r.quality ? (JSON.parse(r.quality) as unknown) : null,
  overrideReason: r.override_reason,
});

export type ContentStore = ReturnType<typeof contentStore>;

export function contentStore(db: Kysely<Database>, dialect: DialectName) {
  /** Publications one at a time: the release numbers and "based on" checks must not interleave. */
  async function locked<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(7135420901)`.execute(trx);
      return work(trx);
    });
  }

  async function publishedIn(q: Kysely<Database>): Promise<Published> {
    const rows = await q
      .selectFrom('content_versions as v')
      .select(['v.path', 'v.body', 'v.version', 'v.release'])
      .where('v.state', '=', 'approved')
      .where('v.release', '=', (eb) => eb.selectFrom('content_versions as w').select((w) => w.fn.max('w.release').as('r')).whereRef('w.path', '=', 'v.path').where('w.state', '=', 'approved'))
      .orderBy('v.path')
      .execute();
    const files = new Map<string, string>();
    const versions = new Map<string, number>();
    let release = 0;
    for (const r of rows) {
      release = Math.max(release, r.release ?? 0);
      versions.set(r.path, r.version);
      if (r.body !== null) files.set(r.path, r.body);
    }
    return { files, versions, release };
  }

  async function nextVersion(q: Kysely<Database>, path: string): Promise<number> {
    const row = await q.selectFrom('content_versions').select((eb) => eb.fn.max('version').as('v')).where('path', '=', path).executeTakeFirst();
    return Number(row?.v ?? 0) + 1;
  }

  async function nextRelease(q: Kysely<Database>): Promise<number> {
    const row = await q.selectFrom('content_versions').select((eb) => eb.fn.max('release').as('r')).executeTakeFirst();
    return Number(row?.r ?? 0) + 1;
  }

  return {
    published: () => publishedIn(db),

    async latestRelease(): Promise<number> {
      const row = await db.selectFrom('content_versions').select((eb) => eb.fn.max('release').as('r')).executeTakeFirst();
      return Number(row?.r ?? 0);
    },

    async byId(id: string): Promise<ContentVersion | undefined> {
      const row = await db.selectFrom('content_versions').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toVersion(row) : undefined;
    },

    async openDraft(path: string): Promise<ContentVersion | undefined> {
      const row = await db.selectFrom('content_versions').selectAll().where('path', '=', path).where('state', '=', 'draft').executeTakeFirst();
      return row ? toVersion(row) : undefined;
    },

    async drafts(): Promise<ContentVersion[]> {
      const rows = await db.selectFrom('content_versions').selectAll().where('state', '=', 'draft').orderBy('updated_at', 'desc').execute();
      return rows.map(toVersion);
    },

    async history(path: string): Promise<ContentVersion[]> {
      const rows = await db.selectFrom('content_versions').selectAll().where('path', '=', path).orderBy('version', 'desc').execute();
      return rows.map(toVersion);
    },

    async version(path: string, version: number): Promise<ContentVersion | undefined> {
      const row = await db.selectFrom('content_versions').selectAll().where('path', '=', path).where('version', '=', version).executeTakeFirst();
      return row ? toVersion(row) : undefined;
    },

    /** A new draft of `path`, or the author's open one updated; undefined when someone else has one open. */
    async saveDraft(d: { path: string; body: string | null; basedOn: number | null; summary: string; authorId: string; at: Date }): Promise<{ draft: ContentVersion; created: boolean } | { heldBy: string | null }> {
      return locked(async (trx) => {
        const open = await trx.selectFrom('content_versions').selectAll().where('path', '=', d.path).where('state', '=', 'draft').executeTakeFirst();
        const at = d.at.toISOString();
        if (open) {
          if (open.author_id !== d.authorId) return { heldBy: open.author_id };
          await trx.updateTable('content_versions').set({ body: d.body, summary: d.summary, updated_at: at, quality: null }).where('id', '=', open.id).execute();
          return { draft: toVersion({ ...open, body: d.body, summary: d.summary, updated_at: at, quality: null }), created: false };
        }
        const row: ContentVersionsTable = {
          id: randomUUID(),
          path: d.path,
          version: await nextVersion(trx, d.path),
          body: d.body,
          state: 'draft',
          based_on: d.basedOn,
          release: null,
          summary: d.summary,
          author_id: d.authorId,
          created_at: at,
          updated_at: at,
          reviewer_id: null,
          reviewed_at: null,
          review_comment: null,
          quality: null,
          override_reason: null,
        };
        await trx.insertInto('content_versions').values(row).execute();
        return { draft: toVersion(row), created: true };
      });
    },

    /** Stores the quality check, unless the draft changed since it was started (`updatedAt`). */
    async setQuality(id: string, updatedAt: string, report: unknown): Promise<boolean> {
      const r = await db.updateTable('content_versions').set({ quality: JSON.stringify(report) }).where('id', '=', id).where('state', '=', 'draft').where('updated_at', '=', updatedAt).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /**
     * Decides an open draft. Approving publishes `body` (the draft as approved) with the next
     * release, if the file's published version is still the one the draft was made from.
     */
    async decide(
      id: string,
      d: { state: Exclude<VersionState, 'draft'>; reviewerId: string; comment: string | null; overrideReason?: string | null; body?: string | null; at: Date },
    ): Promise<{ ok: ContentVersion } | { problem: 'not-open' | 'stale' }> {
      return locked(async (trx) => {
        const row = await trx.selectFrom('content_versions').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row || row.state !== 'draft') return { problem: 'not-open' as const };
        const set: Partial<ContentVersionsTable> = { state: d.state, reviewer_id: d.reviewerId, reviewed_at: d.at.toISOString(), review_comment: d.comment, override_reason: d.overrideReason ?? null };
        if (d.state === 'approved') {
          const current = (await publishedIn(trx)).versions.get(row.path) ?? null;
          if (current !== row.based_on) return { problem: 'stale' as const };
          set.release = await nextRelease(trx);
          if (d.body !== undefined) set.body = d.body;
        }
        await trx.updateTable('content_versions').set(set).where('id', '=', id).execute();
        return { ok: toVersion({ ...row, ...set }) };
      });
    },

    /**
     * Publishes files as they are (an import from a folder): each file that differs from what is
     * published becomes an approved version. Returns the paths changed.
     */
    async importFiles(files: ContentFiles, removeMissing: boolean, summary: string, at: Date): Promise<string[]> {
      return locked(async (trx) => {
        const published = await publishedIn(trx);
        const changed: [string, string | null][] = [...files].filter(([path, text]) => published.files.get(path) !== text);
        if (removeMissing) for (const path of published.files.keys()) if (!files.has(path)) changed.push([path, null]);
        let release = await nextRelease(trx);
        const when = at.toISOString();
        for (const [path, body] of changed) {
          const open = await trx.selectFrom('content_versions').select('id').where('path', '=', path).where('state', '=', 'draft').executeTakeFirst();
          // An open draft was made from what is replaced now: it is withdrawn, not silently rebased.
          if (open) await trx.updateTable('content_versions').set({ state: 'withdrawn', reviewed_at: when, review_comment: 'replaced by an import' }).where('id', '=', open.id).execute();
          await trx
            .insertInto('content_versions')
            .values({ id: randomUUID(), path, version: await nextVersion(trx, path), body, state: 'approved', based_on: published.versions.get(path) ?? null, release: release++, summary, author_id: null, created_at: when, updated_at: when, reviewer_id: null, reviewed_at: when, review_comment: null, quality: null, override_reason: null })
            .execute();
        }
        return changed.map(([p]) => p);
      });
    },
  };
}
