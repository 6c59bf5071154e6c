// The universe of `kongward validate`: the documents of one run (and of `--base`) are the
// objects references resolve against. Namespaced objects without a namespace land in the
// default namespace, as `kubectl apply` without `-n` would put them.
import { splitApiVersion } from '../api/registry.ts';
import { ObjectCache } from '../controller/runtime/object-cache.ts';
import type { KubeObject } from '../controller/runtime/types.ts';
import { isPlainObject } from '../validation/values.ts';
import { cachedKind, isCachedKind, project } from './cached-kinds.ts';
import { IndexedReferences, type LookupState, type ReferenceLookup } from './lookup.ts';

export const DEFAULT_NAMESPACE = 'default';

export interface OfflineLookupOptions {
  /** Objects of the base revision (`--base`); the run's own documents win over them. */
  base?: Iterable<unknown>;
  /** Namespace of namespaced documents that name none. Default `default`. */
  defaultNamespace?: string;
}

function* flatten(documents: Iterable<unknown>): Generator<Record<string, unknown>> {
  for (const document of documents) {
    if (!isPlainObject(document)) continue;
    if (typeof document.kind === 'string' && document.kind.endsWith('List') && Array.isArray(document.items)) yield* flatten(document.items);
    else yield document;
  }
}

export class OfflineReferenceLookup extends IndexedReferences implements ReferenceLookup {
  readonly #caches: Map<string, ObjectCache>;
  readonly defaultNamespace: string;

  constructor(documents: Iterable<unknown>, options: OfflineLookupOptions = {}) {
    // One cache per kind, made when the first object of it turns up (add()).
    const caches = new Map<string, ObjectCache>();
    super(caches);
    this.#caches = caches;
    this.defaultNamespace = options.defaultNamespace ?? DEFAULT_NAMESPACE;
    if (options.base) this.add(options.base);
    this.add(documents);
  }

  /** Adds (or replaces) objects; documents of kinds the checks never read are ignored. */
  add(documents: Iterable<unknown>): void {
    for (const document of flatten(documents)) {
      if (typeof document.apiVersion !== 'string' || typeof document.kind !== 'string') continue;
      const metadata = document.metadata;
      if (!isCachedKind(splitApiVersion(document.apiVersion).group, document.kind)) continue;
      if (!isPlainObject(metadata) || typeof metadata.name !== 'string' || !metadata.name) continue;
      // A kind's cache (and its definition) is made when the first object of it turns up.
      const kind = cachedKind(document.kind)!;
      let cache = this.#caches.get(document.kind);
      if (!cache) this.#caches.set(document.kind, (cache = new ObjectCache(kind.indexers)));
      const projected = project(kind, document as unknown as KubeObject);
      if (kind.resource.namespaced) projected.metadata.namespace ??= this.defaultNamespace;
      else delete projected.metadata.namespace;
      cache.upsert(projected);
    }
  }

  state(): LookupState {
    return 'synced';
  }
}

/** The lookup for one offline run: its documents, plus those of `--base`. */
export function offlineReferenceLookup(documents: Iterable<unknown>, options: OfflineLookupOptions = {}): OfflineReferenceLookup {
  return new OfflineReferenceLookup(documents, options);
}
