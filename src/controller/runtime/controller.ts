// A controller: one reconciler, the kinds it watches mapped to its keys, and a work queue.
// Reconcilers read from the shared caches and write through the client.
import type { Logger } from 'pino';
import type { KubeClient } from './kube-client.ts';
import type { Informer, CacheEvent } from './informer.ts';
import type { RuntimeMetrics } from './metrics.ts';
import { WorkQueue } from './work-queue.ts';
import type { BackoffOptions } from './backoff.ts';
import { keyOf, objectKey, type KubeObject, type ResourceDescriptor, type WatchedResource } from './types.ts';

export interface ReconcileResult {
  /** Reconcile this key again after this many milliseconds (resets the failure backoff). */
  requeueAfter?: number;
  /** Reconcile again with the rate-limited backoff. */
  requeue?: boolean;
}

export interface ReconcileContext {
  client: KubeClient;
  /** Aborted when leadership is lost or the manager stops: stop writing. */
  signal: AbortSignal;
  log: Logger;
  /** The shared cache of a kind this manager watches. */
  informer: (resource: ResourceDescriptor) => Informer;
}

export interface Reconciler {
  /** `key` is `namespace/name` (or `name`); throw to retry with backoff. */
  reconcile(key: string, ctx: ReconcileContext): Promise<ReconcileResult | void>;
}

/** A watched kind whose objects map to keys of the controller's own kind. */
export interface WatchSource {
  resource: WatchedResource;
  map: (obj: KubeObject) => string[];
}

export interface ControllerOptions {
  name: string;
  /** The kind reconciled: its own events enqueue its own key. */
  for: ResourceDescriptor;
  /** Kinds created by this controller: mapped to the owner through controller ownerReferences. */
  owns?: WatchedResource[];
  /** Other kinds and how they map to keys (e.g. a Secret to the objects referencing it). */
  watches?: WatchSource[];
  reconciler: Reconciler;
  concurrency?: number;
  backoff?: BackoffOptions;
  /** Filter for events of the `for` kind (e.g. skip status-only updates). Default: generation or metadata changed. */
  predicate?: (event: CacheEvent) => boolean;
}

/** Owner keys of an object's controller references of `ownerKind`. */
export function ownerKeys(obj: KubeObject, owner: ResourceDescriptor): string[] {
  const apiGroup = owner.group;
  return (obj.metadata.ownerReferences ?? [])
    .filter((r) => r.controller === true && r.kind === owner.kind && (r.apiVersion.includes('/') ? r.apiVersion.split('/')[0] : '') === apiGroup)
    .map((r) => objectKey(owner.namespaced ? obj.metadata.namespace : undefined, r.name));
}

/** Skips updates that changed only status (no generation bump, same labels/annotations/finalizers/deletion). */
export const ignoreStatusOnlyUpdates = (event: CacheEvent): boolean => {
  if (event.type !== 'update' || !event.old) return true;
  const a = event.old.metadata;
  const b = event.object.metadata;
  if (a.generation === undefined || b.generation === undefined) return true;
  return a.generation !== b.generation || a.deletionTimestamp !== b.deletionTimestamp
    || JSON.stringify([a.labels, a.annotations, a.finalizers]) !== JSON.stringify([b.labels, b.annotations, b.finalizers]);
};

export class Controller {
  readonly options: ControllerOptions;
  private queue: WorkQueue | undefined;
  private readonly metrics: RuntimeMetrics | undefined;
  private readonly log: Logger;

  constructor(options: ControllerOptions, log: Logger, metrics?: RuntimeMetrics) {
    this.options = options;
    this.metrics = metrics;
    this.log = log.child({ controller: options.name });
  }

  get name(): string {
    return this.options.name;
  }

  /** The event handlers the manager attaches to each watched informer. */
  sources(): { resource: WatchedResource; map: (event: CacheEvent) => string[] }[] {
    const own = this.options.predicate ?? ignoreStatusOnlyUpdates;
    return [
      { resource: this.options.for, map: (e) => (own(e) ? [keyOf(e.object)] : []) },
      ...(this.options.owns ?? []).map((resource) => ({
        resource, map: (e: CacheEvent) => [...new Set([...ownerKeys(e.object, this.options.for), ...(e.old ? ownerKeys(e.old, this.options.for) : [])])],
      })),
      ...(this.options.watches ?? []).map((w) => ({ resource: w.resource, map: (e: CacheEvent) => w.map(e.object) })),
    ];
  }

  enqueue(key: string): void {
    this.queue?.add(key);
  }

  get running(): boolean {
    return this.queue !== undefined;
  }

  /** Keys queued or being reconciled now (delayed requeues not counted). */
  get busy(): boolean {
    return this.queue !== undefined && (this.queue.length > 0 || this.queue.active > 0);
  }

  /** Resolves when nothing is queued or in flight. */
  async idle(): Promise<void> {
    await this.queue?.idle();
  }

  /** Starts workers; `initialKeys` (every cached object of the `for` kind) are queued first. */
  start(ctx: Omit<ReconcileContext, 'log'>, initialKeys: string[]): void {
    const queue = new WorkQueue({
      name: this.options.name, concurrency: this.options.concurrency ?? 1,
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}), ...(this.metrics ? { metrics: this.metrics } : {}),
    });
    this.queue = queue;
    queue.start((key) => this.reconcileOne(queue, key, ctx));
    for (const key of initialKeys) queue.add(key);
  }

  /** Stops at once: nothing new starts; resolves when reconciles in flight have returned. */
  async stop(): Promise<void> {
    const queue = this.queue;
    this.queue = undefined;
    await queue?.shutdown();
  }

  private async reconcileOne(queue: WorkQueue, key: string, ctx: Omit<ReconcileContext, 'log'>): Promise<void> {
    if (ctx.signal.aborted) return;
    const labels = { controller: this.options.name };
    const started = performance.now();
    const log = this.log.child({ key });
    try {
      const result = await this.options.reconciler.reconcile(key, { ...ctx, log });
      if (result?.requeueAfter !== undefined && result.requeueAfter > 0) {
        queue.forget(key);
        queue.addAfter(key, result.requeueAfter);
        this.metrics?.reconcileTotal.inc({ ...labels, result: 'requeue_after' });
      } else if (result?.requeue) {
        queue.addRateLimited(key);
        this.metrics?.reconcileTotal.inc({ ...labels, result: 'requeue' });
      } else {
        queue.forget(key);
        this.metrics?.reconcileTotal.inc({ ...labels, result: 'success' });
      }
    } catch (err) {
      const delay = ctx.signal.aborted ? 0 : queue.addRateLimited(key);
      this.metrics?.reconcileTotal.inc({ ...labels, result: 'error' });
      this.metrics?.reconcileErrors.inc(labels);
      log.error({ err: err instanceof Error ? err.message : String(err), retryInMs: delay }, 'reconcile failed');
    } finally {
      this.metrics?.reconcileTime.observe(labels, (performance.now() - started) / 1000);
    }
  }
}
