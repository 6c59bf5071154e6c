// The reference lookup of a running webhook: one watch-backed informer per cached kind
// (cached-kinds.ts), holding projections indexed by name and by the control plane / auth
// configuration they name, so every review is answered from memory in O(1). Never a live API
// call per review. `synced()` gates /readyz; `state()` turns `stale` when a list or watch has
// been failing for longer than `staleAfterMs`, and the validators then skip the reference
// checks with a warning (fail-open) until the caches are fed again.
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { Informer, type InformerOptions } from '../controller/runtime/informer.ts';
import { allCachedKinds } from './cached-kinds.ts';
import { IndexedReferences, type CacheReader, type LookupState, type ReferenceLookup } from './lookup.ts';
import { ProjectingKubeClient } from './projecting-client.ts';

export interface ClusterLookupOptions {
  kubeConfig: KubeConfig;
  /** A list or watch failing for this long makes the lookup stale. Default 10 s. */
  staleAfterMs?: number;
  informer?: Pick<InformerOptions, 'backoff' | 'staleAfterMs' | 'relistPeriodMs' | 'watchTimeoutSeconds' | 'pageSize'>;
  logger?: Logger;
  now?: () => number;
}

export class ClusterReferenceLookup extends IndexedReferences implements ReferenceLookup {
  readonly client: ProjectingKubeClient;
  readonly #informers: Map<string, Informer>;
  readonly #byPath = new Map<string, Informer>();
  readonly #staleAfterMs: number;
  readonly #now: () => number;

  constructor(options: ClusterLookupOptions) {
    // The informers are the caches the lookups read (filled below, before anything reads them).
    const informers = new Map<string, Informer>();
    super(informers as ReadonlyMap<string, CacheReader>);
    this.#informers = informers;
    this.#staleAfterMs = options.staleAfterMs ?? 10_000;
    this.#now = options.now ?? Date.now;
    // After a failure, relist (not just re-watch): a successful list proves the cache is fed again.
    this.client = new ProjectingKubeClient(options.kubeConfig, allCachedKinds(), {
      now: this.#now,
      onFailure: (path) => setImmediate(() => this.#byPath.get(path)?.requestRelist()),
    });
    for (const kind of allCachedKinds()) {
      const informer = new Informer(this.client, {
        ...options.informer,
        resource: kind.resource,
        indexers: kind.indexers,
        ...(options.logger ? { logger: options.logger.child({ component: 'reference-cache' }) } : {}),
      });
      this.#informers.set(kind.resource.kind, informer);
      this.#byPath.set(this.client.path(kind.resource), informer);
    }
  }

  start(): void {
    for (const informer of this.#informers.values()) informer.start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#informers.values()].map((informer) => informer.stop()));
    await this.client.close();
  }

  /** Every cache has completed its first list (for /readyz). */
  synced(): boolean {
    for (const informer of this.#informers.values()) if (!informer.hasSynced()) return false;
    return true;
  }

  async waitForSync(signal?: AbortSignal): Promise<boolean> {
    const results = await Promise.all([...this.#informers.values()].map((informer) => informer.waitForSync(signal)));
    return results.every(Boolean);
  }

  state(): LookupState {
    if (!this.synced()) return 'unsynced';
    const since = this.client.failingSince();
    return since !== undefined && this.#now() - since >= this.#staleAfterMs ? 'stale' : 'synced';
  }

  /** Objects held per cached kind (for metrics and the benchmark). */
  sizes(): Record<string, number> {
    return Object.fromEntries([...this.#informers].map(([kind, informer]) => [kind, informer.cache.size]));
  }
}
