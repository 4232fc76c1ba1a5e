// Runs a periodic task (the abandonment sweep) without overlapping itself. The timer only says
// "look now"; what is due is in the database, so a restart loses nothing but a tick. Several
// instances may tick at once: the task must be safe for that (sweepAbandoned is).
export interface Periodic {
  /** Stops the timer and waits for a run in flight, so the database can close after it. */
  stop(): Promise<void>;
}

export function every(ms: number, task: () => Promise<void>, onError: (e: unknown) => void): Periodic {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return; // the last run is still going; skip this tick
    running = task()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, ms);
  timer.unref(); // never what keeps the process alive
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
