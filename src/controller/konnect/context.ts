// What every Konnect reconciler needs: reads (informer caches or live GETs), the kube client
// for status/finalizer writes, Konnect clients per auth configuration, metrics, clock, sync period.
import type { Logger } from '../../log.ts';
import type { KindDefinition } from '../../api/types.ts';
import { KonnectClient, type KonnectClientOptions } from '../../konnect/client.ts';
import { isNotFound, type KubeClient } from '../runtime/kube-client.ts';
import type { Informer } from '../runtime/informer.ts';
import type { KubeObject, OwnerReference, ResourceDescriptor } from '../runtime/types.ts';
import type { Condition } from './conditions.ts';
import type { KonnectMetrics } from './metrics.ts';
import { createHash } from 'node:crypto';

export const KONNECT_CLEANUP_FINALIZER = 'gateway.konghq.com/konnect-cleanup';

/** The REST address of a kind's storage version. */
export function descriptorOf(kind: KindDefinition): ResourceDescriptor {
  const version = kind.versions.find((v) => v.storage) ?? kind.versions[0]!;
  return { group: kind.group, version: version.name, kind: kind.kind, plural: kind.plural, namespaced: kind.scope === 'Namespaced' };
}

export interface ObjectReader {
  get<T extends KubeObject = KubeObject>(resource: ResourceDescriptor, namespace: string | undefined, name: string): Promise<T | undefined>;
  list<T extends KubeObject = KubeObject>(resource: ResourceDescriptor, namespace: string | undefined): Promise<T[]>;
}

/** Reads straight from the API server (tests driving reconcilers directly, uncached kinds). */
export function liveReader(kube: KubeClient): ObjectReader {
  return {
    async get<T extends KubeObject>(resource: ResourceDescriptor, namespace: string | undefined, name: string): Promise<T | undefined> {
      try {
        return await kube.get<T>(resource, resource.namespaced ? namespace : undefined, name);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async list<T extends KubeObject>(resource: ResourceDescriptor, namespace: string | undefined): Promise<T[]> {
      return (await kube.list<T>(resource, resource.namespaced ? namespace : undefined)).items;
    },
  };
}

/** Reads from informer caches by plural; kinds without an informer fall back to `fallback`. */
export function cacheReader(informers: ReadonlyMap<string, Informer>, fallback: ObjectReader): ObjectReader {
  return {
    async get<T extends KubeObject>(resource: ResourceDescriptor, namespace: string | undefined, name: string): Promise<T | undefined> {
      const informer = informers.get(`${resource.group}/${resource.plural}`);
      if (!informer) return fallback.get<T>(resource, namespace, name);
      return informer.get(resource.namespaced ? namespace : undefined, name) as T | undefined;
    },
    async list<T extends KubeObject>(resource: ResourceDescriptor, namespace: string | undefined): Promise<T[]> {
      const informer = informers.get(`${resource.group}/${resource.plural}`);
      if (!informer) return fallback.list<T>(resource, namespace);
      return informer.list(resource.namespaced ? namespace : undefined) as T[];
    },
  };
}

export interface KonnectAuth {
  /** `spec.serverURL` of the KonnectAPIAuthConfiguration. */
  serverURL: string;
  token: string;
}

export type KonnectClientFactory = (auth: KonnectAuth) => KonnectClient;

/** One KonnectClient per (server URL, token), reused across reconciles. Tokens are kept hashed as keys. */
export function cachedClientFactory(options: Omit<KonnectClientOptions, 'token' | 'serverURL'> & { baseURLFor?: (serverURL: string) => string } = {}): KonnectClientFactory {
  const clients = new Map<string, KonnectClient>();
  const { baseURLFor, ...rest } = options;
  return (auth) => {
    const key = `${auth.serverURL}\0${createHash('sha256').update(auth.token).digest('hex')}`;
    let client = clients.get(key);
    if (!client) {
      const baseURL = baseURLFor?.(auth.serverURL);
      client = new KonnectClient({ ...rest, token: auth.token, ...(baseURL ? { baseURL } : { serverURL: auth.serverURL }) });
      clients.set(key, client);
    }
    return client;
  };
}

export interface KonnectContext {
  kube: KubeClient;
  reader: ObjectReader;
  clients: KonnectClientFactory;
  metrics?: KonnectMetrics;
  logger: Logger;
  /** Drift check / revalidation period (KGO default 1 min). */
  syncPeriodMs: number;
  now: () => Date;
}

export interface ReconcileResult {
  /** Reconcile this key again after this many milliseconds. */
  requeueAfterMs?: number;
}

export interface StatusOf {
  conditions?: Condition[];
  [key: string]: unknown;
}

export const statusOf = (obj: KubeObject): StatusOf => (obj.status && typeof obj.status === 'object' ? (obj.status as StatusOf) : {});
export const specOf = (obj: KubeObject): Record<string, unknown> => (obj.spec && typeof obj.spec === 'object' ? (obj.spec as Record<string, unknown>) : {});
export const nsName = (obj: KubeObject) => `${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}`;

/** Merge-patches `status` (subresource); returns the stored object. */
export function patchStatus<T extends KubeObject>(ctx: KonnectContext, resource: ResourceDescriptor, obj: T, status: Record<string, unknown>): Promise<T> {
  return ctx.kube.patch<T>(resource, obj.metadata.namespace, obj.metadata.name!, 'merge', { status }, { subresource: 'status' });
}

/** Sets the finalizer list with the object's resourceVersion as precondition (409 -> retried by the queue). */
export function patchFinalizers<T extends KubeObject>(ctx: KonnectContext, resource: ResourceDescriptor, obj: T, finalizers: string[]): Promise<T> {
  return ctx.kube.patch<T>(resource, obj.metadata.namespace, obj.metadata.name!, 'merge', {
    metadata: { finalizers, resourceVersion: obj.metadata.resourceVersion },
  });
}

export const hasFinalizer = (obj: KubeObject, name = KONNECT_CLEANUP_FINALIZER) => (obj.metadata.finalizers ?? []).includes(name);

export async function addFinalizer<T extends KubeObject>(ctx: KonnectContext, resource: ResourceDescriptor, obj: T, name = KONNECT_CLEANUP_FINALIZER): Promise<T> {
  if (hasFinalizer(obj, name)) return obj;
  return patchFinalizers(ctx, resource, obj, [...(obj.metadata.finalizers ?? []), name]);
}

/** Adds the cleanup finalizer and, when given, an owner reference (one patch, resourceVersion precondition). */
export async function ensureFinalizerAndOwner<T extends KubeObject>(ctx: KonnectContext, resource: ResourceDescriptor, obj: T, owner?: OwnerReference): Promise<T> {
  const owners = obj.metadata.ownerReferences ?? [];
  const needsOwner = owner !== undefined && !owners.some((o) => o.uid === owner.uid);
  if (hasFinalizer(obj) && !needsOwner) return obj;
  return ctx.kube.patch<T>(resource, obj.metadata.namespace, obj.metadata.name!, 'merge', {
    metadata: {
      resourceVersion: obj.metadata.resourceVersion,
      ...(hasFinalizer(obj) ? {} : { finalizers: [...(obj.metadata.finalizers ?? []), KONNECT_CLEANUP_FINALIZER] }),
      ...(needsOwner ? { ownerReferences: [...owners, owner] } : {}),
    },
  });
}

export async function removeFinalizer<T extends KubeObject>(ctx: KonnectContext, resource: ResourceDescriptor, obj: T, name = KONNECT_CLEANUP_FINALIZER): Promise<void> {
  if (!hasFinalizer(obj, name)) return;
  try {
    await patchFinalizers(ctx, resource, obj, (obj.metadata.finalizers ?? []).filter((f) => f !== name));
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
