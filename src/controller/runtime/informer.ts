// One informer per kind: paginated LIST, WATCH from the list resourceVersion with bookmarks,
// relist on 410, reconnect with bounded exponential backoff + jitter, restart of a watch that
// went silent, and a periodic relist that repairs missed events. Every failure path ends in a
// scheduled retry; the loop never rejects. resourceVersions are compared for equality only.
import { pino, type Logger } from 'pino';
import { backoffDelay, jittered, sleep, type BackoffOptions } from './backoff.ts';
import { KubeApiError, type KubeClient, type WatchEvent } from './kube-client.ts';
import { ObjectCache, type IndexFunction } from './object-cache.ts';
import { keyOf, type KubeObject, type ResourceDescriptor } from './types.ts';

export type CacheEventType = 'add' | 'update' | 'delete';
export interface CacheEvent<T extends KubeObject = KubeObject> {
  type: CacheEventType;
  object: T;
  old?: T;
}
export type CacheListener<T extends KubeObject = KubeObject> = (event: CacheEvent<T>) => void;

export interface InformerOptions<T extends KubeObject = KubeObject> {
  resource: ResourceDescriptor;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  indexers?: Record<string, IndexFunction<T>>;
  /** LIST page size. Default 500. */
  pageSize?: number;
  /** Reconnect backoff after errors. Default 250 ms doubling to 30 s. */
  backoff?: BackoffOptions;
  /** A watch with no event or bookmark for this long is restarted. Default 150 s. */
  staleAfterMs?: number;
  /** Full relist (diffed against the cache) this often, jittered ±10 %. Default 10 min; 0 = never. */
  relistPeriodMs?: number;
  /** Server-side watch timeout, jittered. Default 300 s. */
  watchTimeoutSeconds?: number;
  logger?: Logger;
}

/** Counters of what the informer went through, for metrics and tests. */
export interface InformerStats {
  lists: number;
  watches: number;
  events: number;
  expired: number;
  staleRestarts: number;
  periodicRelists: number;
  errors: number;
  parseErrors: number;
}

type AbortReason = 'stale' | 'relist' | 'stop';

export class Informer<T extends KubeObject = KubeObject> {
  readonly cache: ObjectCache<T>;
  readonly resource: ResourceDescriptor;
  readonly stats: InformerStats = { lists: 0, watches: 0, events: 0, expired: 0, staleRestarts: 0, periodicRelists: 0, errors: 0, parseErrors: 0 };
  private readonly client: KubeClient;
  private readonly options: InformerOptions<T>;
  private readonly listeners = new Set<CacheListener<T>>();
  private readonly log: Logger;
  private resourceVersion = '';
  private synced = false;
  private syncWaiters: (() => void)[] = [];
  private failures = 0;
  private lastSeen = 0;
  private running: Promise<void> | undefined;
  private stopController = new AbortController();
  private watchAbort: AbortController | undefined;
  private relistRequested = false;
  private timers: NodeJS.Timeout[] = [];

  constructor(client: KubeClient, options: InformerOptions<T>) {
    this.client = client;
    this.options = options;
    this.resource = options.resource;
    this.cache = new ObjectCache<T>(options.indexers);
    this.log = (options.logger ?? pino({ level: 'silent' })).child({ informer: options.resource.plural });
  }

  // ---- reads ----------------------------------------------------------------------------
  get(namespace: string | undefined, name: string): T | undefined { return this.cache.get(namespace, name); }
  list(namespace?: string): T[] { return this.cache.list(namespace); }
  byIndex(indexName: string, value: string): T[] { return this.cache.byIndex(indexName, value); }
  hasSynced(): boolean { return this.synced; }
  /** The resourceVersion the next watch resumes from (opaque). */
  get lastResourceVersion(): string { return this.resourceVersion; }

  /** Calls the listener for every cache change; returns unsubscribe. */
  onChange(listener: CacheListener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the first LIST has been stored (or when the signal aborts: then false). */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    return new Promise((resolve) => {
      const onAbort = () => resolve(false);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.syncWaiters.push(() => { signal?.removeEventListener('abort', onAbort); resolve(true); });
    });
  }

  // ---- lifecycle ------------------------------------------------------------------------
  start(): void {
    if (this.running) return;
    this.stopController = new AbortController();
    this.lastSeen = Date.now();
    this.running = this.loop().catch((err: unknown) => this.log.error({ err }, 'informer loop ended unexpectedly'));
    const stale = this.options.staleAfterMs ?? 150_000;
    const staleTimer = setInterval(() => this.checkStaleness(stale), Math.max(10, Math.floor(stale / 4)));
    staleTimer.unref();
    this.timers.push(staleTimer);
    const relist = this.options.relistPeriodMs ?? 600_000;
    if (relist > 0) this.scheduleRelist(relist);
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    this.watchAbort?.abort('stop' satisfies AbortReason);
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    await this.running;
    this.running = undefined;
  }

  /** Forces a full relist now (also what the periodic timer does). */
  requestRelist(): void {
    this.relistRequested = true;
    this.watchAbort?.abort('relist' satisfies AbortReason);
  }

  private scheduleRelist(period: number): void {
    const timer = setTimeout(() => {
      this.stats.periodicRelists++;
      this.requestRelist();
      this.scheduleRelist(period);
    }, jittered(period));
    timer.unref();
    this.timers.push(timer);
  }

  private checkStaleness(staleAfterMs: number): void {
    if (this.watchAbort && Date.now() - this.lastSeen > staleAfterMs) {
      this.stats.staleRestarts++;
      this.log.warn({ silentMs: Date.now() - this.lastSeen }, 'watch went silent, restarting it');
      this.watchAbort.abort('stale' satisfies AbortReason);
    }
  }

  private async loop(): Promise<void> {
    const stop = this.stopController.signal;
    while (!stop.aborted) {
      try {
        if (!this.resourceVersion || this.relistRequested) {
          this.relistRequested = false;
          await this.relist();
        }
        const started = Date.now();
        const eventsBefore = this.stats.events;
        await this.watchOnce();
        if (Date.now() - started < 1000 && this.stats.events === eventsBefore && !stop.aborted && !this.relistRequested) {
          throw new Error('watch ended at once without events');
        }
      } catch (err) {
        if (stop.aborted) break;
        if (err instanceof ExpiredError) {
          this.stats.expired++;
          this.log.info({ resourceVersion: this.resourceVersion }, 'resourceVersion expired, relisting');
          this.resourceVersion = '';
          continue;
        }
        if (err instanceof KubeApiError && err.code === 404) this.resourceNotServed();
        this.failures++;
        this.stats.errors++;
        const delay = backoffDelay(this.failures, this.options.backoff ?? { baseMs: 250, maxMs: 30_000 });
        this.log.warn({ err: describe(err), attempt: this.failures, retryInMs: delay }, 'list/watch failed, backing off');
        await sleep(delay, stop);
      }
    }
  }

  private async relist(): Promise<void> {
    this.stats.lists++;
    const items: T[] = [];
    let continueToken: string | undefined;
    let listRv = '';
    do {
      const page = await this.client.list<T>(this.resource, this.options.namespace, {
        limit: this.options.pageSize ?? 500, continue: continueToken,
        labelSelector: this.options.labelSelector, fieldSelector: this.options.fieldSelector,
      });
      if (!continueToken) listRv = page.metadata.resourceVersion ?? '';
      for (const item of page.items) items.push(this.ingest(item));
      continueToken = page.metadata.continue || undefined;
    } while (continueToken && !this.stopController.signal.aborted);
    this.replaceAll(items);
    this.resourceVersion = listRv;
    this.failures = 0;
    this.lastSeen = Date.now();
    if (!this.synced) {
      this.synced = true;
      for (const waiter of this.syncWaiters.splice(0)) waiter();
    }
  }

  /**
   * LIST of a collection answers 404 only when the resource type is not served (its CRD is not
   * installed): no object of it exists, so an empty cache is the consistent view and counts as
   * synced (readiness does not wait forever for an optional API). Retries go on, so the cache
   * fills once the CRD appears.
   */
  private resourceNotServed(): void {
    this.replaceAll([]);
    this.resourceVersion = '';
    if (!this.synced) {
      this.synced = true;
      this.log.warn({ resource: `${this.resource.plural}.${this.resource.group}` }, 'resource type not served (CRD not installed?); treating it as empty');
      for (const waiter of this.syncWaiters.splice(0)) waiter();
    }
  }

  /** A relist is a full resync: adds, updates (by resourceVersion equality) and deletes. */
  private replaceAll(items: T[]): void {
    const seen = new Set<string>();
    for (const item of items) {
      seen.add(keyOf(item));
      this.store(item);
    }
    for (const key of this.cache.keys()) {
      if (!seen.has(key)) {
        const old = this.cache.remove(key);
        if (old) this.emit({ type: 'delete', object: old });
      }
    }
  }

  private async watchOnce(): Promise<void> {
    if (this.stopController.signal.aborted) return;
    const abort = new AbortController();
    this.watchAbort = abort;
    this.stats.watches++;
    const base = this.options.watchTimeoutSeconds ?? 300;
    try {
      await this.client.watch(this.client.path(this.resource, this.options.namespace), {
        resourceVersion: this.resourceVersion, allowWatchBookmarks: true,
        timeoutSeconds: Math.max(1, jittered(base, 0.5)),
        labelSelector: this.options.labelSelector, fieldSelector: this.options.fieldSelector,
      }, (event) => this.handle(event), {
        signal: abort.signal,
        onParseError: (line) => { this.stats.parseErrors++; this.log.error({ line }, 'unparseable watch line'); },
      });
    } catch (err) {
      const reason = abort.signal.reason as AbortReason | undefined;
      if (abort.signal.aborted && (reason === 'stale' || reason === 'relist' || reason === 'stop')) return;
      throw err;
    } finally {
      this.watchAbort = undefined;
    }
  }

  private handle(event: WatchEvent): void {
    this.lastSeen = Date.now();
    this.stats.events++;
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED':
        this.store(this.ingest(event.object as T));
        break;
      case 'DELETED': {
        const old = this.cache.remove(keyOf(event.object));
        this.emit({ type: 'delete', object: (old ?? this.ingest(event.object as T)) });
        break;
      }
      case 'BOOKMARK':
        break;
      case 'ERROR': {
        const status = event.object as unknown as { code?: number; reason?: string; message?: string };
        if (status.code === 410) throw new ExpiredError(String(status.message));
        throw new KubeApiError(status.code ?? 500, status.reason ?? 'Unknown', `watch error: ${status.message ?? ''}`);
      }
    }
    const rv = event.object.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
    this.failures = 0;
  }

  private ingest(obj: T): T {
    if (obj.metadata.managedFields) delete obj.metadata.managedFields;
    if (!obj.apiVersion) obj.apiVersion = this.resource.group ? `${this.resource.group}/${this.resource.version}` : this.resource.version;
    if (!obj.kind) obj.kind = this.resource.kind;
    return obj;
  }

  private store(obj: T): void {
    const old = this.cache.getByKey(keyOf(obj));
    if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    this.cache.upsert(obj);
    this.emit(old ? { type: 'update', object: obj, old } : { type: 'add', object: obj });
  }

  private emit(event: CacheEvent<T>): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.log.error({ err }, 'cache listener threw');
      }
    }
  }
}

class ExpiredError extends Error {}

function describe(err: unknown): string {
  if (err instanceof KubeApiError) return `${err.code} ${err.reason}: ${err.message}`;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
