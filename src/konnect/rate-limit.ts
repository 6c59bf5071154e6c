// Client-side request limit (token bucket), kept below Konnect's published/observed limit of
// 3000 requests per minute per organisation, so a busy controller slows itself down instead of
// collecting 429s. A 429 from Konnect also pauses the bucket until its Retry-After has passed.

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface TokenBucketOptions {
  /** Sustained requests per second (default 40, i.e. 2400/min against Konnect's 3000/min). */
  ratePerSecond?: number;
  /** Requests allowed at once after an idle period (default 40). */
  burst?: number;
  clock?: Clock;
}

export const DEFAULT_RATE_PER_SECOND = 40;

export class TokenBucket {
  readonly ratePerSecond: number;
  readonly burst: number;
  private readonly clock: Clock;
  private tokens: number;
  private last: number;
  private pausedUntil = 0;

  constructor(options: TokenBucketOptions = {}) {
    this.ratePerSecond = options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
    this.burst = options.burst ?? Math.max(1, Math.round(this.ratePerSecond));
    if (!(this.ratePerSecond > 0) || !(this.burst >= 1)) throw new RangeError('rate limit needs ratePerSecond > 0 and burst >= 1');
    this.clock = options.clock ?? realClock;
    this.tokens = this.burst;
    this.last = this.clock.now();
  }

  /** Milliseconds the caller must wait; reserves the token (tokens may go negative = queue). */
  reserve(): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.ratePerSecond) / 1000);
    this.last = now;
    this.tokens -= 1;
    const queueWait = this.tokens < 0 ? (-this.tokens * 1000) / this.ratePerSecond : 0;
    return Math.max(queueWait, this.pausedUntil - now);
  }

  async acquire(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await this.clock.sleep(wait);
  }

  /** Konnect said 429: nobody sends before `ms` from now. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }
}
