// A rate-limited work queue of keys: deduplicated, one key never processed by two workers at
// once (a key added while processing is queued again after), per-key exponential backoff with
// jitter and a cap on failure, delayed adds for requeueAfter, a concurrency limit and a
// graceful drain on shutdown.
import { backoffDelay, type BackoffOptions } from './backoff.ts';
import type { RuntimeMetrics } from './metrics.ts';

export interface WorkQueueOptions {
  name: string;
  /** Maximum keys processed at once. Default 1. */
  concurrency?: number;
  /** Per-key failure backoff. Default 5 ms doubling to 1000 s (controller-runtime's). */
  backoff?: BackoffOptions;
  metrics?: RuntimeMetrics;
}

export type ProcessFunction = (key: string) => Promise<void>;

export class WorkQueue {
  readonly name: string;
  private readonly concurrency: number;
  private readonly backoff: BackoffOptions;
  private readonly metrics: RuntimeMetrics | undefined;
  private readonly labels: { name: string; controller: string };
  private readonly queue: string[] = [];
  private head = 0;
  private readonly queued = new Map<string, number>();
  private readonly processing = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private process: ProcessFunction | undefined;
  private shuttingDown = false;
  private idleWaiters: (() => void)[] = [];

  constructor(options: WorkQueueOptions) {
    this.name = options.name;
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.backoff = options.backoff ?? { baseMs: 5, maxMs: 1_000_000 };
    this.metrics = options.metrics;
    this.labels = { name: options.name, controller: options.name };
    this.metrics?.maxConcurrentReconciles.set({ controller: this.name }, this.concurrency);
  }

  /** Keys waiting (not counting those being processed or delayed). */
  get length(): number {
    return this.queue.length - this.head;
  }

  get active(): number {
    return this.processing.size;
  }

  add(key: string): void {
    if (this.shuttingDown) return;
    this.metrics?.adds.inc(this.labels);
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.set(key, performance.now());
    this.queue.push(key);
    this.metrics?.depth.set(this.labels, this.length);
    this.pump();
  }

  /** Adds the key after `ms`; an earlier pending delayed add wins. */
  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) return this.add(key);
    const at = Date.now() + ms;
    const existing = this.delayed.get(key);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, ms);
    this.delayed.set(key, { at, timer });
  }

  /** Re-adds after this key's next backoff delay (failures counted until `forget`). */
  addRateLimited(key: string): number {
    const attempt = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, attempt);
    this.metrics?.retries.inc(this.labels);
    const delay = backoffDelay(attempt, this.backoff);
    this.addAfter(key, delay);
    return delay;
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  failureCount(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** Starts dispatching keys to `process`, at most `concurrency` at once. */
  start(process: ProcessFunction): void {
    this.process = process;
    this.pump();
  }

  /** Stops taking keys, drops pending and delayed ones, waits for keys in flight. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    for (const { timer } of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
    this.queue.length = 0;
    this.head = 0;
    this.queued.clear();
    this.dirty.clear();
    this.metrics?.depth.set(this.labels, 0);
    if (this.processing.size > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Resolves when nothing is queued or in flight (delayed adds not counted). */
  async idle(): Promise<void> {
    while (this.length > 0 || this.processing.size > 0) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  private pump(): void {
    if (!this.process || this.shuttingDown) return;
    while (this.processing.size < this.concurrency && this.head < this.queue.length) {
      const key = this.queue[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      const addedAt = this.queued.get(key)!;
      this.queued.delete(key);
      this.processing.add(key);
      this.metrics?.depth.set(this.labels, this.length);
      this.metrics?.queueDuration.observe(this.labels, (performance.now() - addedAt) / 1000);
      this.metrics?.activeWorkers.set({ controller: this.name }, this.processing.size);
      void this.run(key);
    }
  }

  private async run(key: string): Promise<void> {
    const started = performance.now();
    try {
      await this.process!(key);
    } catch {
      // The process function owns error handling; a throw here must not stop the queue.
    } finally {
      this.metrics?.workDuration.observe(this.labels, (performance.now() - started) / 1000);
      this.processing.delete(key);
      this.metrics?.activeWorkers.set({ controller: this.name }, this.processing.size);
      if (this.dirty.delete(key)) this.add(key);
      if (this.processing.size === 0 && (this.length === 0 || this.shuttingDown)) {
        for (const waiter of this.idleWaiters.splice(0)) waiter();
      }
      this.pump();
    }
  }
}
