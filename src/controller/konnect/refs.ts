// The `refs` index of the Konnect informers: what an object points at, as `Kind:namespace/name`
// keys, so a change to the target finds its dependents (a control plane its services, a service
// its routes, a Secret the auth configurations that read it).
import { objectKey, type KubeObject } from '../runtime/types.ts';
import { parentTargets, type EntityKind } from './entity-kinds.ts';
import { controlPlaneResource, konnectControlPlaneRef } from './references.ts';

export const refKey = (kind: string, namespace: string | undefined, name: string) => `${kind}:${objectKey(namespace, name)}`;

/** What an entity points at (own control plane, parents): the keys of its `refs` index. */
export function entityRefs(kind: EntityKind, obj: KubeObject): string[] {
  const ns = obj.metadata.namespace;
  const out: string[] = [];
  const cp = konnectControlPlaneRef(obj);
  if (cp && cp !== 'other') out.push(refKey(controlPlaneResource.kind, cp.namespace ?? ns, cp.name));
  for (const parent of kind.parents) {
    for (const target of parentTargets(parent, obj)) {
      if (!target.id) out.push(refKey(parent.kind, parent.resource.namespaced ? (target.namespace ?? ns) : undefined, target.name));
    }
  }
  return out;
}
