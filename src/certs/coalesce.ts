// Runs an async job one at a time: a call while it runs asks for one more run afterwards, and
// every caller's promise settles once the job has caught up with their request.
export interface Coalesced {
  run(): Promise<void>;
  /** Settles when no run is in progress (without starting one). */
  idle(): Promise<void>;
}

export function coalescing(job: () => Promise<void>, shouldStop: () => boolean = () => false): Coalesced {
  let running: Promise<void> | undefined;
  let again = false;
  return {
    run() {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await job();
        } while (again && !shouldStop());
      })().finally(() => {
        running = undefined;
      });
      return running;
    },
    idle() {
      return (running ?? Promise.resolve()).catch(() => undefined);
    },
  };
}
