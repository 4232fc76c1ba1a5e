// The service as operators run it: `src/server/main.ts` in a child process, on a free loopback
// port, with its log written to a file the PII sweep reads. kill -9 is a real SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import pg from 'pg';
import { freePort } from '../src/server/testing.js';

export const OPS_TOKEN = 'campaign-ops-token-0123456789abcdef';
export const ADMIN = { email: 'admin@campaign.test', password: 'campaign admin password' };


export interface Target {
  /** SQLite in dataDir, or PostgreSQL at this URL (in its own schema). */
  databaseUrl?: string;
  redisUrl?: string;
  dataDir: string;
  logFile: string;
}

export interface Running {
  url: string;
  wsUrl: string;
  port: number;
  child: ChildProcess;
  /** SIGKILL, and resolves when the process is gone. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** A PostgreSQL URL whose connections use `schema` (created here), so a run has tables of its own. */
export async function schemaUrl(base: string, schema: string): Promise<string> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create schema if not exists ${schema}`);
  } finally {
    await admin.end();
  }
  // Spaces as %20: URLSearchParams would write '+', which the pg driver keeps as a plus.
  return `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

export async function dropSchema(base: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await admin.end();
  }
}

export async function startServer(t: Target, port?: number): Promise<Running> {
  const p = port ?? (await freePort());
  const log = createWriteStream(t.logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(p),
      HOST: '127.0.0.1',
      // Logins (through the local test provider) return here.
      PUBLIC_URL: `http://127.0.0.1:${p}`,
      DATA_DIR: t.dataDir,
      DATABASE_URL: t.databaseUrl ?? '',
      REDIS_URL: t.redisUrl ?? '',
      LOG_LEVEL: 'info',
      OPENING_HOURS: 'mon-sun 00:00-24:00',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      OPS_TOKEN,
      // The campaign plays the reverse proxy: each simulated customer has an address of its own.
      TRUST_PROXY: '1',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${p}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${tail(t.logFile)}`);
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) {
      return {
        url,
        wsUrl: `ws://127.0.0.1:${p}`,
        port: p,
        child,
        kill9: async () => {
          child.kill('SIGKILL');
          await gone;
        },
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await gone;
          log.end();
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not become ready:\n${tail(t.logFile)}`);
}

const tail = (file: string) => {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
};
