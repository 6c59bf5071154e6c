// A KubeClient for the reference informers that (1) hands them slim projections instead of
// whole objects, so the caches hold only what the checks read, and (2) records whether the
// lists and watches of each kind are currently failing, which is how the lookup knows its
// caches have gone stale.
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeClient, type RequestOptions, type WatchEvent } from '../controller/runtime/kube-client.ts';
import type { KubeList, KubeObject, ResourceDescriptor } from '../controller/runtime/types.ts';
import { project, type CachedKind } from './cached-kinds.ts';

const PROJECTED_EVENTS = new Set<WatchEvent['type']>(['ADDED', 'MODIFIED', 'DELETED']);

export class ProjectingKubeClient extends KubeClient {
  readonly #byPath = new Map<string, CachedKind>();
  readonly #failingSince = new Map<string, number>();
  readonly #now: () => number;
  readonly #onFailure: (path: string) => void;

  constructor(kubeConfig: KubeConfig, kinds: readonly CachedKind[], options: { now?: () => number; onFailure?: (path: string) => void } = {}) {
    super(kubeConfig);
    this.#now = options.now ?? Date.now;
    this.#onFailure = options.onFailure ?? (() => {});
    for (const kind of kinds) this.#byPath.set(this.path(kind.resource), kind);
  }

  /** Since when the oldest still-failing list/watch has been failing (undefined: none is). */
  failingSince(): number | undefined {
    let oldest: number | undefined;
    for (const since of this.#failingSince.values()) if (oldest === undefined || since < oldest) oldest = since;
    return oldest;
  }

  #ok(path: string): void {
    this.#failingSince.delete(path);
  }

  #failed(path: string): void {
    if (!this.#failingSince.has(path)) this.#failingSince.set(path, this.#now());
    this.#onFailure(path);
  }

  override async list<T extends KubeObject>(resource: ResourceDescriptor, namespace?: string, query: RequestOptions['query'] = {}): Promise<KubeList<T>> {
    const path = this.path(resource, namespace);
    let page: KubeList<T>;
    try {
      page = await super.list<T>(resource, namespace, query);
    } catch (error) {
      this.#failed(path);
      throw error;
    }
    this.#ok(path);
    const kind = this.#byPath.get(path);
    if (kind) page.items = page.items.map((item) => project(kind, item) as T);
    return page;
  }

  override async watch(path: string, query: RequestOptions['query'], onEvent: (event: WatchEvent) => void,
    options: { signal?: AbortSignal; onParseError?: (line: string) => void } = {}): Promise<void> {
    const kind = this.#byPath.get(path);
    try {
      await super.watch(path, query, (event) => {
        this.#ok(path);
        onEvent(kind && PROJECTED_EVENTS.has(event.type) && event.object ? { type: event.type, object: project(kind, event.object) } : event);
      }, options);
    } catch (error) {
      if (!options.signal?.aborted) this.#failed(path);
      throw error;
    }
  }
}
