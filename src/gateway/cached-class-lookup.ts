// The cluster's GatewayClasses for the webhook: a lookup over a watch-backed cache (the
// controller runtime's Informer on gatewayclasses). Only read access to gatewayclasses is
// needed (RBAC: get, list, watch). Until the first LIST has been stored the lookup is not
// ready, and a class it does not hold yet is reported as "not synced", not as unknown.
import { Informer, type InformerOptions } from '../controller/runtime/informer.ts';
import type { KubeClient } from '../controller/runtime/kube-client.ts';
import { classInfoOf, type GatewayClassInfo, type GatewayClassLookup } from './class-lookup.ts';

/** What the lookup reads from the cache; the runtime's `Informer` has exactly these methods. */
export interface GatewayClassCache {
  get(namespace: string | undefined, name: string): unknown;
  hasSynced(): boolean;
}

/** The resource to inform on (cluster-scoped, v1 is served by every Gateway API release since 1.0). */
export const gatewayClassResource = {
  group: 'gateway.networking.k8s.io',
  version: 'v1',
  kind: 'GatewayClass',
  plural: 'gatewayclasses',
  namespaced: false,
};

export class CachedGatewayClassLookup implements GatewayClassLookup {
  readonly #cache: GatewayClassCache;

  constructor(cache: GatewayClassCache) {
    this.#cache = cache;
  }

  get(name: string): GatewayClassInfo | undefined {
    return classInfoOf(this.#cache.get(undefined, name))?.info;
  }

  ready(): boolean {
    return this.#cache.hasSynced();
  }
}

/**
 * An informer on gatewayclasses and the lookup over it, for `kongward serve`: the caller starts
 * the informer with the server and stops it on shutdown (`informer.start()` / `stop()`).
 */
export function informGatewayClasses(client: KubeClient, options: Omit<InformerOptions, 'resource'> = {}) {
  const informer = new Informer(client, { ...options, resource: gatewayClassResource });
  return { informer, lookup: new CachedGatewayClassLookup(informer) };
}
