// Servers for the load benchmark: each in its own process, pinned to one core (taskset) while the
// driver runs on another, with its CPU time and memory read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { freePort } from '../../src/server/testing.js';

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const TICKS_PER_SECOND = 100;
export const SERVER_CORE = 0;
export const DRIVER_CORE = 1;

export interface Server {
  name: string;
  port: number;
  child: ChildProcess;
  /** From spawning the process to the first answer on its ready path, in ms (polled every 10 ms). */
  readyMs: number;
  /** CPU time the process has used so far, in ms. */
  cpuMs(): number;
  rssBytes(): number;
  stop(): Promise<void>;
}

const pinned = (args: string[]) => (existsSync('/usr/bin/taskset') ? ['/usr/bin/taskset', ['-c', String(SERVER_CORE), ...args]] : [args[0]!, args.slice(1)]) as [string, string[]];

export async function startServer(name: string, args: string[], env: Record<string, string>, readyPath: string): Promise<Server> {
  const port = await freePort();
  const [command, rest] = pinned([process.execPath, ...args]);
  const spawned = performance.now();
  const child = spawn(command, rest, { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; ; i++) {
    if (await fetch(`http://127.0.0.1:${port}${readyPath}`).then((r) => r.status < 500, () => false)) break;
    if (i > 1500 || child.exitCode !== null) throw new Error(`${name} did not start`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - spawned;
  const stat = () => readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return {
    name,
    port,
    child,
    readyMs,
    // Fields 14 and 15 of stat (utime, stime); the split above starts at field 3.
    cpuMs: () => ((Number(stat()[11]) + Number(stat()[12])) * 1000) / TICKS_PER_SECOND,
    rssBytes: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024,
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      child.kill('SIGKILL');
    },
  };
}

/** Moves this process (the driver) onto its own core. */
export function pinDriver(): void {
  if (existsSync('/usr/bin/taskset')) spawn('/usr/bin/taskset', ['-cp', String(DRIVER_CORE), String(process.pid)], { stdio: 'ignore' });
}
