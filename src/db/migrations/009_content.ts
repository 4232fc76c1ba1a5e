import type { Kysely } from 'kysely';

// The content pack in the database, as versions of its files (src/content/DESIGN.md): every draft,
// approval, rejection and rollback is a row, none is ever updated once decided. What customers are
// served is, for each file, the approved version with the highest release.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('content_versions')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** The file's path in the pack: "topics/browser.md", "error-codes.yaml". */
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    /** The file's text; null: the file is removed in this version. */
    .addColumn('body', 'text')
    /** draft | approved | rejected | withdrawn */
    .addColumn('state', 'text', (c) => c.notNull())
    /** The published version the draft was made from (null: a new file). */
    .addColumn('based_on', 'integer')
    /** Set when approved: the order of publication across files. */
    .addColumn('release', 'integer')
    .addColumn('summary', 'text', (c) => c.notNull())
    /** null: imported from a folder (`kundesenter content import`). */
    .addColumn('author_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('reviewer_id', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_comment', 'text')
    /** JSON: the quality check the reviewer saw (src/content/quality.ts). */
    .addColumn('quality', 'text')
    .addColumn('override_reason', 'text')
    .addUniqueConstraint('content_versions_path_version', ['path', 'version'])
    .addUniqueConstraint('content_versions_release', ['release'])
    .execute();
  await db.schema.createIndex('content_versions_state').ifNotExists().on('content_versions').columns(['state', 'path']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('content_versions').ifExists().execute();
}
