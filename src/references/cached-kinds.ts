// What the reference caches hold, derived from the tables in kinds.ts: every kind a reference
// can name, every kind that names a control plane or an auth configuration (to count
// dependents on DELETE) and KongReferenceGrants. Each cached object is a projection: name,
// namespace, uid, resourceVersion, deletionTimestamp and the few spec/status fields the checks
// read. No Secrets are cached (or read) at all.
import { findKind } from '../api/registry.ts';
import type { IndexFunction } from '../controller/runtime/object-cache.ts';
import { objectKey, type KubeObject, type ResourceDescriptor } from '../controller/runtime/types.ts';
import { isPlainObject } from '../validation/values.ts';
import { getPath, groupOf, readControlPlaneRef, referencingKinds, referencingSpecsOf, type NamedRef } from './kinds.ts';

export interface CachedKind {
  resource: ResourceDescriptor;
  /** Paths copied into the cached projection besides the identity metadata. */
  keep: readonly (readonly string[])[];
  indexers: Record<string, IndexFunction>;
}

export const CONTROL_PLANE_INDEX = 'controlPlane';
export const AUTH_REF_INDEX = 'authRef';

/** Fields read from a target beyond its references: a control plane's cluster type, grants. */
const EXTRA_FIELDS: Record<string, readonly (readonly string[])[]> = {
  KonnectGatewayControlPlane: [
    ['spec', 'cluster_type'],
    ['spec', 'createControlPlaneRequest', 'cluster_type'],
    ['spec', 'source'],
    ['status', 'clusterType'],
  ],
  KongReferenceGrant: [['spec', 'from'], ['spec', 'to']],
};

function namespaceOf(object: KubeObject, ref: NamedRef): string | undefined {
  return ref.namespace ?? object.metadata.namespace;
}

/** Index of the control plane a cached object names (`namespace/name`). */
function controlPlaneIndex(kind: string): IndexFunction {
  const specs = referencingSpecsOf(kind).filter((s) => s.controlPlaneRef);
  return (object) => {
    for (const spec of specs) {
      const ref = readControlPlaneRef(getPath(object, spec.controlPlaneRef!.path), spec.controlPlaneRef!.defaultType);
      if (ref) {
        const namespace = namespaceOf(object, ref);
        return namespace ? [objectKey(namespace, ref.name)] : [];
      }
    }
    return [];
  };
}

function authRefIndex(kind: string): IndexFunction {
  const parents = referencingSpecsOf(kind).flatMap((s) => s.parents ?? []).filter((p) => p.kind === 'KonnectAPIAuthConfiguration');
  return (object) => {
    for (const parent of parents) {
      const ref = parent.read(getPath(object, parent.path));
      if (ref) {
        const namespace = namespaceOf(object, ref);
        return namespace ? [objectKey(namespace, ref.name)] : [];
      }
    }
    return [];
  };
}

function describe(kind: string): CachedKind {
  const definition = findKind(groupOf(kind), kind);
  const storage = definition?.versions.find((v) => v.storage) ?? definition?.versions.find((v) => v.served);
  if (!definition || !storage) throw new Error(`reference cache: kind ${kind} is not in the registry`);
  const specs = referencingSpecsOf(kind);
  const keep: (readonly string[])[] = [];
  const indexers: Record<string, IndexFunction> = {};
  for (const spec of specs) {
    if (spec.controlPlaneRef) keep.push(spec.controlPlaneRef.path);
    for (const parent of spec.parents ?? []) keep.push(parent.path);
  }
  if (specs.some((s) => s.controlPlaneRef)) indexers[CONTROL_PLANE_INDEX] = controlPlaneIndex(kind);
  if (specs.some((s) => s.parents?.some((p) => p.kind === 'KonnectAPIAuthConfiguration'))) indexers[AUTH_REF_INDEX] = authRefIndex(kind);
  keep.push(...(EXTRA_FIELDS[kind] ?? []));
  return {
    resource: { group: definition.group, version: storage.name, kind, plural: definition.plural, namespaced: definition.scope === 'Namespaced' },
    keep: dedupe(keep),
    indexers,
  };
}

function dedupe(paths: (readonly string[])[]): (readonly string[])[] {
  const seen = new Set<string>();
  return paths.filter((p) => !seen.has(p.join('.')) && seen.add(p.join('.')));
}

function cachedKindsFromTables(): string[] {
  const names = new Set<string>(['KonnectGatewayControlPlane', 'KonnectAPIAuthConfiguration', 'KongReferenceGrant']);
  for (const spec of referencingKinds) {
    if (spec.controlPlaneRef) names.add(spec.kind);
    for (const parent of spec.parents ?? []) {
      names.add(parent.kind);
      if (parent.kind === 'KonnectAPIAuthConfiguration') names.add(spec.kind);
    }
  }
  return [...names];
}

/** The names of every cached kind, in a stable order (no kind module is loaded for these). */
export const cachedKindNames: readonly string[] = cachedKindsFromTables();
const described = new Map<string, CachedKind>();

/** What is cached of one kind (its definition loads on first use); undefined when not cached. */
export function cachedKind(kind: string): CachedKind | undefined {
  let found = described.get(kind);
  if (!found && cachedKindNames.includes(kind)) described.set(kind, (found = describe(kind)));
  return found;
}

/** Whether objects of this group and kind are cached, without loading the kind. */
export function isCachedKind(group: string, kind: string): boolean {
  return cachedKindNames.includes(kind) && groupOf(kind) === group;
}

/** Every cached kind, in a stable order (loads every one: for the cluster caches and RBAC). */
export function allCachedKinds(): CachedKind[] {
  return cachedKindNames.map((name) => cachedKind(name)!);
}

function copyPath(from: unknown, to: Record<string, unknown>, path: readonly string[]): void {
  const value = getPath(from, path);
  if (value === undefined) return;
  let target = to;
  for (const key of path.slice(0, -1)) {
    const next = target[key];
    target = isPlainObject(next) ? next : (target[key] = {});
  }
  target[path[path.length - 1]!] = structuredClone(value);
}

/** The slim copy a reference cache keeps of one object. */
export function project(kind: CachedKind, object: KubeObject): KubeObject {
  const m = object.metadata ?? {};
  const metadata: KubeObject['metadata'] = { name: m.name ?? '' };
  if (m.namespace) metadata.namespace = m.namespace;
  if (m.uid) metadata.uid = m.uid;
  if (m.resourceVersion) metadata.resourceVersion = m.resourceVersion;
  if (m.deletionTimestamp) metadata.deletionTimestamp = m.deletionTimestamp;
  const projected: KubeObject = { metadata };
  if (object.apiVersion) projected.apiVersion = object.apiVersion;
  if (object.kind) projected.kind = object.kind;
  for (const path of kind.keep) copyPath(object, projected, path);
  return projected;
}
