// Bounded exponential backoff with jitter, and an abortable sleep.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** Fraction of the delay randomised away (0 = none, 0.5 = delay in [d/2, d]). Default 0.5. */
  jitter?: number;
}

/** Delay before retry number `attempt` (1-based): base·2^(attempt-1), capped, jittered down. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 52));
  const jitter = options.jitter ?? 0.5;
  return Math.round(exp * (1 - jitter * random()));
}

/** Resolves after `ms`, or early (without throwing) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** `ms` ± `fraction` of it, for periodic timers that should not line up across replicas. */
export const jittered = (ms: number, fraction = 0.1, random: () => number = Math.random) => Math.round(ms * (1 + fraction * (2 * random() - 1)));
