// `kundesenter content import|export`: the content/ folder is the format a bank keeps in git; the
// database holds the versions the service serves. Export writes the published files as they are,
// import publishes each file that differs (or, with --draft, makes drafts for review in the
// console). Both run beside a running service: it serves an import within its poll (30 s).
import { readContentFolder, writeContentFolder } from '../content/files.js';
import { contentPackOf } from '../content/loader.js';
import { contentStore } from '../content/store.js';
import { openDatabase } from '../db/connect.js';
import { loadConfig } from '../server/config.js';

type Env = Readonly<Record<string, string | undefined>>;

async function withStore<T>(env: Env, work: (store: ReturnType<typeof contentStore>) => Promise<T>): Promise<T> {
  const config = loadConfig(env);
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await work(contentStore(db.db, db.dialect));
  } finally {
    await db.close();
  }
}

/** Publishes the folder: each content file that differs becomes a new version; files not in it are removed. */
export async function importContent(dir: string, env: Env = process.env, at = new Date()): Promise<string[]> {
  const files = readContentFolder(dir);
  contentPackOf(files, dir); // the whole pack must be valid before anything is published
  return withStore(env, (store) => store.importFiles(files, true, `Lese inn frå ${dir}`, at));
}

/** Writes the published content into `dir`: every file as stored; content files not published go. */
export async function exportContent(dir: string, env: Env = process.env): Promise<{ written: string[]; removed: string[]; release: number }> {
  return withStore(env, async (store) => {
    const published = await store.published();
    if (published.release === 0) throw new Error('the database has no content yet: start the service once, or `kundesenter content import`');
    return { ...writeContentFolder(dir, published.files), release: published.release };
  });
}
