// Durable commits without stalling the event loop: group commit for SQLite.
//
// With `synchronous = FULL` every commit fsyncs the write-ahead log inside better-sqlite3's
// synchronous call, so the whole process waits about half a millisecond per commit, one commit
// after another. Instead SQLite runs with `synchronous = NORMAL` (commits written to the WAL, not
// yet synced; checkpoints still sync) and this driver syncs the WAL itself, on libuv's thread
// pool, before a write is reported done: a query or transaction that wrote resolves only after an
// fdatasync that began after its commit. Commits that arrive while one sync runs share the next.
// An acknowledged message therefore survives power loss as before, and the event loop stays free.
import { close, fdatasync, open } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { SelectQueryNode, SqliteDialect, type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings } from 'kysely';

const openFile = promisify(open);
const syncData = promisify(fdatasync);
const closeFile = promisify(close);

/** Statements that change nothing: they need no sync. Anything else is treated as a write. */
const READS = /^\s*(?:select|pragma|explain|begin|commit|rollback|savepoint|release)\b/i;

/** Coalesces fdatasync calls on one file: each caller waits for a sync that started after it asked. */
export class GroupSync {
  private fd: number | undefined;
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  /** Syncs actually run, for tests and metrics. */
  syncs = 0;

  constructor(private readonly path: string) {}

  sync(): Promise<void> {
    if (!this.running) return this.start();
    // One is already running and may have started before this caller's commit: wait for the next.
    this.next ??= this.running.then(
      () => {
        this.next = undefined;
        return this.start();
      },
      () => {
        this.next = undefined;
        return this.start();
      },
    );
    return this.next;
  }

  private start(): Promise<void> {
    const run = (async () => {
      this.fd ??= await openFile(this.path, 'r');
      await syncData(this.fd);
      this.syncs++;
    })();
    const settled = run.then(
      () => {},
      () => {},
    );
    this.running = settled;
    // Registered before any waiter's, so a waiter that starts the next sync finds none running.
    void settled.then(() => {
      if (this.running === settled) this.running = undefined;
    });
    return run;
  }

  async close(): Promise<void> {
    await this.running?.catch(() => {});
    await this.next?.catch(() => {});
    if (this.fd !== undefined) await closeFile(this.fd);
    this.fd = undefined;
  }
}

/**
 * Checkpoints on a worker thread, with its own connection: SQLite's automatic checkpoint runs in
 * the commit that crosses 1,000 pages of log, inside better-sqlite3's synchronous call, and copies
 * the pages and syncs the database file there — a stall of about 10 ms on the event loop every
 * couple of hundred messages. So the service's connection checkpoints only as a fallback
 * (`FALLBACK_PAGES`, should the worker stop), and this thread copies the log into the database
 * every `intervalMs` without waiting for anyone (PASSIVE). Under steady writing the log never
 * drains by itself, so once it holds `restartPages` the thread restarts it (RESTART), which holds
 * off writers for a few milliseconds (the last pages, the database file's sync). It says so in
 * `gate` first, so the service's writers wait for it on the event loop's terms rather than in
 * SQLite's busy handler, which sleeps the whole event loop in steps of 1, 2, 5, 10 ms.
 */
export class Checkpointer {
  private readonly worker: Worker;
  private stopped: Promise<void> | undefined;
  readonly gate = new RestartGate();

  constructor(path: string, { intervalMs = 100, restartPages = RESTART_PAGES } = {}) {
    this.worker = new Worker(CHECKPOINT_WORKER, {
      eval: true,
      workerData: { path, module: createRequire(import.meta.url).resolve('better-sqlite3'), intervalMs, restartPages, gate: this.gate.shared },
    });
    // A checkpointer that failed leaves the fallback to the service's own connection; it must
    // not end the process.
    this.worker.on('error', (e) => console.error('sqlite checkpointer stopped:', e.message));
    this.worker.unref();
  }

  /** Stops the thread after its checkpoint in progress; the service's connection can then close the database. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
      this.worker.postMessage('stop');
      setTimeout(() => void this.worker.terminate(), 2_000).unref();
    });
    return this.stopped;
  }
}

/** Pages of log after which the service's own connection checkpoints (SQLite's default is 1,000). */
export const FALLBACK_PAGES = 20_000;

/**
 * Pages of log (4 KiB each) at which the checkpointer restarts it: at most 64 MiB of log. At
 * 1,000 messages a second (about 6 pages each) that is a restart every 2.7 s; 4,096 pages made it
 * one every 0.7 s, each holding off writers for 2–7 ms.
 */
export const RESTART_PAGES = 16_384;

/** Atomics.waitAsync: in Node since 16, in TypeScript's lib from ES2024 (this project's is ES2022). */
const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, ms: number): { async: false; value: string } | { async: true; value: Promise<string> } }).waitAsync;

/** How long a writer waits for a restart before going ahead anyway (SQLite's locks still hold): a thread that died mid-restart must not stop every write. */
const GATE_TIMEOUT_MS = 1_000;

/**
 * A flag the checkpointer raises while it restarts the log (shared memory, so nothing waits for a
 * message to cross threads). A writer about to begin asks `passed()` first: nothing while the
 * flag is down (the usual case costs one atomic read), else a promise that resolves when it
 * comes down. A restart that begins just after the check still waits in SQLite's busy handler,
 * as every write did before; this only takes the likely case off the event loop.
 */
export class RestartGate {
  /** [0]: 1 while a restart runs; [1]: restarts so far. */
  readonly shared = new SharedArrayBuffer(8);
  private readonly flag = new Int32Array(this.shared);

  get restarts(): number {
    return Atomics.load(this.flag, 1);
  }

  passed(): Promise<void> | undefined {
    if (Atomics.load(this.flag, 0) === 0) return undefined;
    const wait = waitAsync(this.flag, 0, 1, GATE_TIMEOUT_MS);
    return wait.async ? wait.value.then(() => {}) : undefined;
  }
}

const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 20');
const gate = new Int32Array(workerData.gate);
const restart = () => {
  Atomics.store(gate, 0, 1);
  try {
    db.pragma('wal_checkpoint(RESTART)');
  } finally {
    Atomics.add(gate, 1, 1);
    Atomics.store(gate, 0, 0);
    Atomics.notify(gate, 0);
  }
};
const timer = setInterval(() => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r && r.log >= workerData.restartPages) restart();
  } catch {
    // busy or locked: the next tick tries again
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

class TrackedConnection implements DatabaseConnection {
  wrote = false;

  constructor(readonly inner: DatabaseConnection) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query) && !READS.test(query.sql)) this.wrote = true;
    return this.inner.executeQuery<R>(query);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/** Releases SQLite's one connection first, then waits for the WAL sync: the next writer need not wait for this one's. */
class DurableDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly wal: GroupSync,
    private readonly checkpointer?: Checkpointer,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // Before the connection, so no lock is held while waiting (a reader would hold up the restart).
    await this.checkpointer?.gate.passed();
    return new TrackedConnection(await this.inner.acquireConnection());
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const tracked = connection as TrackedConnection;
    await this.inner.releaseConnection(tracked.inner);
    if (tracked.wrote) await this.wal.sync();
  }

  async destroy(): Promise<void> {
    await this.checkpointer?.stop();
    await this.wal.close();
    await this.inner.destroy();
  }
}

/**
 * Kysely's SQLite dialect with group commit on the WAL at `walPath` (the database file + "-wal"),
 * and, when given, checkpoints on their own thread (the connection's `wal_autocheckpoint` should
 * then be FALLBACK_PAGES); it stops when the database is closed.
 */
export class DurableSqliteDialect extends SqliteDialect {
  constructor(
    config: ConstructorParameters<typeof SqliteDialect>[0],
    private readonly wal: GroupSync,
    private readonly checkpointer?: Checkpointer,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new DurableDriver(super.createDriver(), this.wal, this.checkpointer);
  }
}
