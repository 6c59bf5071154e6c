// Fault injection for the fake: rules matched per request (method and path), firing for the
// next N matches or with a probability drawn from a seeded RNG, so a "20% 5xx, 10% 429" run is
// reproducible. Each rule counts its hits so tests can assert retries.

export type FaultAction =
  /** Konnect's edge rate limiter: `{"message":"API rate limit exceeded"}` + RateLimit headers. `retryAfter: null` omits the header. */
  | { kind: 'rate-limit'; retryAfter?: string | null }
  /** Any status with the platform problem+json body (or `body`). */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Wait, then answer normally (longer than the client timeout = a timeout). */
  | { kind: 'delay'; ms: number }
  /** Destroy the socket before the request is processed: nothing happens. */
  | { kind: 'drop' }
  /** Apply the request (a write succeeds), then destroy the socket: the answer is lost. */
  | { kind: 'lose-response' };

export interface FaultRule {
  method?: string;
  /** Substring of the path, or a RegExp tested against it. */
  path?: string | RegExp;
  /** Fire for this many matching requests (default: once, or unlimited with `probability`). */
  times?: number;
  /** Chance (0..1) that a matching request is hit. */
  probability?: number;
  action: FaultAction;
}

export interface FaultHandle {
  readonly rule: FaultRule;
  /** Requests this rule has hit. */
  readonly hits: number;
  remove(): void;
}

/** mulberry32: small, fast, seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
  hits: number;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private random: () => number;

  constructor(seed = 1) {
    this.random = seededRandom(seed);
  }

  reseed(seed: number): void {
    this.random = seededRandom(seed);
  }

  add(rule: FaultRule): FaultHandle {
    const active: ActiveRule = { rule, remaining: rule.times ?? (rule.probability === undefined ? 1 : Infinity), hits: 0 };
    this.rules.push(active);
    return {
      rule,
      get hits() {
        return active.hits;
      },
      remove: () => {
        this.rules = this.rules.filter((r) => r !== active);
      },
    };
  }

  clear(): void {
    this.rules = [];
  }

  /** The action for this request, if any rule fires. */
  pick(method: string, path: string): FaultAction | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (active.remaining <= 0) continue;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (rule.path !== undefined && !(typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path))) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      active.remaining--;
      active.hits++;
      return rule.action;
    }
    return undefined;
  }
}

/** Fixed-window request limit (e.g. Konnect's 3000/minute) with Konnect's 429 answer. */
export class WindowLimiter {
  private windowStart = 0;
  private count = 0;
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: { limit: number; windowMs?: number; now?: () => number }) {
    this.limit = options.limit;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Seconds to wait when over the limit, undefined when the request may pass. */
  check(): number | undefined {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.count = 0;
    }
    if (++this.count <= this.limit) return undefined;
    return Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000));
  }
}
