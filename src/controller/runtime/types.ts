// The shapes the controller runtime works with: plain JSON Kubernetes objects (no class
// instances, no Date conversion) and the address of a resource type.

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  managedFields?: unknown[];
  [key: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion?: string;
  kind?: string;
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

/** Where a kind lives in the REST API. */
export interface ResourceDescriptor {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

/** A kind as watched: optionally only the objects with these labels (a Kubernetes label selector). */
export interface WatchedResource extends ResourceDescriptor {
  labelSelector?: string;
}

export const apiVersionOf = (r: Pick<ResourceDescriptor, 'group' | 'version'>) => (r.group ? `${r.group}/${r.version}` : r.version);

/** `namespace/name` (or `name` for cluster-scoped objects): the key of caches and queues. */
export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function splitKey(key: string): { namespace?: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

export const keyOf = (obj: KubeObject) => objectKey(obj.metadata.namespace, obj.metadata.name ?? '');

/** Built-in resources the runtime itself uses. */
export const coreResources = {
  lease: { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', namespaced: true },
  event: { group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true },
  secret: { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true },
  configMap: { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true },
  service: { group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true },
  deployment: { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true },
} satisfies Record<string, ResourceDescriptor>;
