// What the reference checks may ask about other objects. Two implementations: the documents of
// one `kongward validate` run (offline-lookup.ts) and watch-backed caches of a cluster
// (cluster-lookup.ts). Both store projections (cached-kinds.ts) in indexed caches, so every
// question is a map lookup.
import type { KubeObject } from '../controller/runtime/types.ts';
import { AUTH_REF_INDEX, cachedKind, CONTROL_PLANE_INDEX } from './cached-kinds.ts';

/**
 * `synced`: answers are trustworthy. `unsynced`: the first list has not completed (absence
 * proves nothing). `stale`: the watch has been failing for a while (answers may be outdated).
 */
export type LookupState = 'synced' | 'unsynced' | 'stale';

export interface ObjectId {
  kind: string;
  namespace?: string;
  name: string;
}

export type DeletionTargetKind = 'KonnectGatewayControlPlane' | 'KonnectAPIAuthConfiguration';

export interface ReferenceLookup {
  state(): LookupState;
  /** The cached projection of one object of a cached kind (namespace ignored for cluster-scoped kinds). */
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /** KongReferenceGrants in a namespace. */
  grants(namespace: string): KubeObject[];
  /** Objects naming this control plane (spec.controlPlaneRef, ...) or auth configuration (spec.konnect.authRef), sorted. */
  dependents(kind: DeletionTargetKind, namespace: string, name: string): ObjectId[];
}

/** The read side of an ObjectCache or an Informer. */
export interface CacheReader {
  get(namespace: string | undefined, name: string): KubeObject | undefined;
  byIndex(index: string, value: string): KubeObject[];
  list(namespace?: string): KubeObject[];
}

const DEPENDENT_INDEX: Record<DeletionTargetKind, string> = {
  KonnectGatewayControlPlane: CONTROL_PLANE_INDEX,
  KonnectAPIAuthConfiguration: AUTH_REF_INDEX,
};

/**
 * Lookups over one cache per cached kind; `state` comes from the owner of the caches. The map
 * may grow after construction (the offline lookup makes a kind's cache when it first sees one).
 */
export class IndexedReferences {
  readonly #caches: ReadonlyMap<string, CacheReader>;

  constructor(caches: ReadonlyMap<string, CacheReader>) {
    this.#caches = caches;
  }

  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const cache = this.#caches.get(kind);
    const cached = cache && cachedKind(kind);
    if (!cached) return undefined;
    return cache.get(cached.resource.namespaced ? namespace : undefined, name);
  }

  grants(namespace: string): KubeObject[] {
    return this.#caches.get('KongReferenceGrant')?.list(namespace) ?? [];
  }

  dependents(kind: DeletionTargetKind, namespace: string, name: string): ObjectId[] {
    const index = DEPENDENT_INDEX[kind];
    const key = `${namespace}/${name}`;
    const found: ObjectId[] = [];
    for (const [kindName, cache] of this.#caches) {
      if (!cachedKind(kindName)?.indexers[index]) continue;
      for (const object of cache.byIndex(index, key)) {
        const id: ObjectId = { kind: kindName, name: object.metadata.name ?? '' };
        if (object.metadata.namespace) id.namespace = object.metadata.namespace;
        found.push(id);
      }
    }
    return found.sort((a, b) => compare(a.kind, b.kind) || compare(a.namespace ?? '', b.namespace ?? '') || compare(a.name, b.name));
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
